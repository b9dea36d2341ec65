# Finding the addresses in a postcode.

addresses-title = Find an address
addresses-title-error = Error: Find an address
addresses-postcode = Postcode
addresses-find = Find addresses
addresses-none = No addresses found in that postcode.
addresses-count =
    { $count ->
        [one] 1 address
       *[other] { $count } addresses
    }
addresses-col-address = Address
addresses-col-uprn = UPRN
# "Addresses come from the [addresses register]."
addresses-source-before = Addresses come from the
addresses-source-link = addresses register
addresses-error-not-postcode = ‘{ $postcode }’ is not a UK postcode. Enter a postcode like ZZ1 1AA.
