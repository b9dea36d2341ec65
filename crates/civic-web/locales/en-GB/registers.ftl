# The registers page (the registers themselves are machine resources, in English).

registers-title = Registers
registers-lead = Lists Civic keeps as append-only logs that anyone can check: every change is a numbered entry, and the whole log is summed up in a signed hash.
# "Check a register yourself with `civic verify …/registers/NAME`."
registers-verify = Check a register yourself with
# The placeholder for a register's name in the commands shown.
registers-name-placeholder = NAME
# "Tree heads are signed with this site's [public key] (Ed25519)."
registers-key-before = Tree heads are signed with this site's
registers-key-link = public key
# "…so programs written for them read these unchanged: start from `…/registers/NAME/register`."
registers-v1 = Each register also answers as GOV.UK's registers did (the Registers API, version 1), so programs written for them read these unchanged: start from
# "The `field` and `datatype` registers describe every field."
registers-field-before = The
registers-field-and = and
registers-field-after = registers describe every field.
# "`civic verify` also checks files saved from GOV.UK's registers archive." The first part
# is empty in English.
registers-archive-before = { "" }
registers-archive-after = also checks files saved from GOV.UK's registers archive.
registers-caption = Registers on this site
registers-col-register = Register
registers-col-holds = What it holds
registers-col-entries = Entries
registers-col-open-data = Open data
registers-records-csv = records (CSV)
# Hidden text after each link, for screen readers.
registers-records-csv-hidden = of { $register }
registers-records-json-hidden = records of { $register }
registers-download = whole register
registers-download-hidden = { $register }
registers-tree-head = signed tree head
registers-tree-head-hidden = of { $register }

# What each register holds.
registers-text-addresses = Addresses, keyed by Unique Property Reference Number (UPRN)
registers-text-organisations = The public bodies on this deployment
registers-text-services = Every public body's services; every change to a service is an entry
registers-text-registers = The registers on this deployment
registers-text-field = The fields that may appear in a register on this deployment
registers-text-datatype = The datatypes of the fields in this deployment's registers
