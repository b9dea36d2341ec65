//! Civic's domain: public bodies, the services they run, the channels that reach each
//! service and the digital inclusion scale. Plain types and rules; no I/O.

pub mod api_key;
pub mod attribute;
pub mod body;
pub mod catalogue;
pub mod collation;
pub mod contract;
pub mod inclusion;
pub mod measures;
pub mod mutations;
pub mod openreferral;
pub mod partner;
pub mod place;
pub mod register;
pub mod request;
pub mod search;
pub mod service;
pub mod spend;
pub mod staff;
pub mod supplier;
pub mod uuid;
pub mod validation;
pub mod webhook;

pub use attribute::{AttributeDatatype, AttributeOption, ServiceAttribute, parse_datetime};
pub use body::{Body, BodyDraft, BodyInput, BodyKind};
pub use inclusion::DigitalInclusionLevel;
pub use request::{
    AttributeValue, Contact, Point, RequestChannel, RequestDraft, RequestInput, RequestStatus,
    RequestUpdate, ServiceRequest, Visibility, add_working_days,
};
pub use service::{
    Channel, ChannelInput, ChannelKind, FieldChange, RequestType, Service, ServiceChange,
    ServiceChangeAction, ServiceDraft, ServiceInput, ServiceStatus,
};
pub use staff::{Role, Staff, StaffDraft, StaffInput};
pub use validation::{FieldError, FieldErrors, slugify};
