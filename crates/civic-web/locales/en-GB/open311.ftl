# Open311: the staff page of a body's API keys (the GeoReport API itself answers in English).

open311-keys-title = Open311 API keys – { $body }
open311-keys-heading = Open311 API keys
open311-key-issued = Key issued
open311-key-shown-once = Give this key to the app's developers. It is shown only once.
# Followed by the address of the body's Open311 endpoint, then open311-keys-intro-end.
open311-keys-intro = Apps and other systems use a key to send requests to
open311-keys-intro-end = . Reading needs no key.
open311-no-keys = No keys have been issued.
open311-keys-caption = Keys
open311-app-or-system = App or system
open311-may-update = May update
open311-issued = Issued
open311-status = Status
open311-any-request = Any request (back office)
open311-public-requests = Public requests
open311-revoked = Revoked
open311-revoke = Revoke
# Visually hidden, after "Revoke".
open311-revoke-hidden = the key for { $name }
open311-issue-heading = Issue a key
open311-name-label = App or system's name
open311-back-office-label = This key is for our own back-office system
open311-back-office-hint = It may then post updates to any of our requests, private, hidden and unconfirmed ones too. Apps for the public should have ordinary keys: they can touch public requests only.
open311-issue-key = Issue key
open311-error-name = Enter the app or system's name, up to 100 characters
