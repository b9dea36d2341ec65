//! How large a request body may be: small everywhere, larger only on the routes where photos,
//! CSV files and event batches arrive. Anything larger is refused with 413 before it is read.

use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::MethodRouter;

/// The most any route reads: two photos' worth, or a large CSV upload.
pub const MAX_UPLOAD: usize = 2 * crate::app::photo::MAX_PHOTO_BYTES;

/// The most an ordinary form or JSON body may hold.
pub const SMALL_BODY: usize = 1024 * 1024;

/// Lets `methods` read bodies up to [`MAX_UPLOAD`] (photos, CSV files, event batches).
pub fn uploads(methods: MethodRouter<AppState>) -> MethodRouter<AppState> {
    methods.layer(DefaultBodyLimit::max(MAX_UPLOAD))
}
