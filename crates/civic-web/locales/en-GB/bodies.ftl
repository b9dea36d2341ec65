# The home page, the list of public bodies and each body's page.

bodies-home-title = Find public services
bodies-home-lead = Every service of the public bodies on this site, every way to use it – online, by phone, in person or by post – and how to get help if you do not use the internet.
bodies-home-search-label = Search all services
bodies-home-search-button = Search
bodies-home-none = No public bodies have been added yet.
bodies-home-report = report a problem
bodies-home-reported = problems reported

bodies-list-title = Public bodies
# "This list is also available as [JSON]."
bodies-list-json-before = This list is also available as
bodies-list-json-link = JSON

bodies-show-services = Services
bodies-show-service-count =
    { $count ->
        [one] 1 service in the register
       *[other] { $count } services in the register
    }
bodies-show-requests = Problems and requests
# "[Report a problem] or [see problems already reported]"
bodies-show-report = Report a problem
bodies-show-or = or
bodies-show-reported = see problems already reported
bodies-show-open-data = Open data
# "[Every dataset it publishes], free to reuse"
bodies-show-catalogue = Every dataset it publishes
bodies-show-free-to-reuse = free to reuse
bodies-show-performance = Performance
# "[How its services are performing]: volumes, times, satisfaction and cost, live"
bodies-show-performance-link = How its services are performing
bodies-show-performance-rest = volumes, times, satisfaction and cost, live
bodies-show-open311 = Open311 API
bodies-show-discovery = Discovery document
bodies-show-discovery-formats = (GeoReport v2, XML and JSON)
bodies-show-website = Website
bodies-show-services-csv = Service register (CSV)
bodies-show-services-json = service register (JSON)
bodies-show-services-openreferral = service register (Open Referral UK feed)
bodies-show-body-json = this body (JSON)

# Kinds of public body.
bodies-kind-county-council = County council
bodies-kind-district-council = District council
bodies-kind-city-council = City council
bodies-kind-unitary-authority = Unitary authority
bodies-kind-parish-council = Town or parish council
bodies-kind-government-department = Government department or agency
bodies-kind-health-trust = Health trust
bodies-kind-other = Other public body
