# The staff page that imports an Open Referral UK feed.
openreferral-import-link = Import from Open Referral UK
openreferral-import-services = Services
openreferral-import-title = Import services from Open Referral UK – { $body }
openreferral-import-title-error = Error: Import services from Open Referral UK – { $body }
openreferral-import-heading = Import services from Open Referral UK
openreferral-import-intro = Moving from another service directory? Export its services as an Open Referral UK feed (HSDS 3.0: a page of services, a list of them, or one service, each as /services/{"{"}id{"}"} gives it) and import the file here. Every service is checked first: either all of them are added to your register, or none are. Anything Civic has no place for is listed, so you can add it by hand.
openreferral-file-label = Open Referral UK file (JSON)
openreferral-url-label = Or the feed's address
openreferral-url-hint = The address of the directory's list of services (ending /services), of a page of it, or of one service. Civic reads every page and service from it once, from a public address only.
openreferral-error-too-many = The feed lists more than { $max } services: import it in parts (a page at a time).
openreferral-error-both = Give a file or an address, not both.
openreferral-file-hint = Services whose status is not “active” are not imported.
openreferral-check-only = Check the file only: do not add anything
openreferral-import-button = Import
openreferral-problems = Nothing was imported
openreferral-nothing-imported =
    { $count ->
        [one] The file's 1 service cannot be added until these problems are fixed:
       *[other] The file's { $count } services cannot be added until these problems are fixed:
    }
openreferral-problem = { $service }: { $problem }
openreferral-imported =
    { $count ->
        [0] The file has no service to import.
        [one] 1 service was added to your register.
       *[other] { $count } services were added to your register.
    }
openreferral-checked =
    { $count ->
        [0] The file has no service to import.
        [one] The file's 1 service can be imported. Nothing was added.
       *[other] The file's { $count } services can be imported. Nothing was added.
    }
openreferral-left-out-heading = What the file holds that Civic does not keep
openreferral-left-out-more =
    { $count ->
        [one] and 1 more
       *[other] and { $count } more
    }
openreferral-error-choose-file = Choose an Open Referral UK file to import, or give the feed's address.
openreferral-error-not-utf8 = The file is not text in UTF-8: export it again as JSON.
openreferral-error-not-json = The file is not JSON: export the feed again as JSON.
openreferral-error-contents = The file's “contents” is not a list of services.
openreferral-error-no-services = The file holds no services: give a page of services, a list of them, or one service.
openreferral-error-unreadable = The form could not be read ({ $reason }). Try again.
openreferral-left-not-object = { $service } is not a service (not a JSON object).
openreferral-left-not-active = { $service } is not imported: its status is “{ $status }”, and only services offered now are.
openreferral-left-phone = { $service }: a phone without a number.
openreferral-left-no-location = { $service }: a service at a location with no location.
openreferral-left-location-type = { $service }: the { $type } location “{ $name }” (only physical and postal locations become ways to reach a service).
openreferral-left-help-place = { $service }: the place giving digital help “{ $name }” (add it on the digital help places page).
openreferral-left-location-empty = { $service }: the location “{ $name }”, which has no description or address.
openreferral-left-attribute = { $service }: an attribute with no taxonomy term.
openreferral-left-level = { $service }: the digital inclusion level “{ $value }”, which is not a number.
openreferral-left-term = { $service }: the taxonomy term “{ $name }” (not a standard service code or a level of the digital inclusion scale).
openreferral-left-field = { $service }: { $field } (Civic has no field for it).
