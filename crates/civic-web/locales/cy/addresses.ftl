# Dod o hyd i'r cyfeiriadau mewn cod post.

addresses-title = Dod o hyd i gyfeiriad
addresses-title-error = Gwall: Dod o hyd i gyfeiriad
addresses-postcode = Cod post
addresses-find = Dod o hyd i gyfeiriadau
addresses-none = Heb ddod o hyd i unrhyw gyfeiriadau yn y cod post hwnnw.
addresses-count =
    { $count ->
        [zero] Dim cyfeiriadau
        [one] 1 cyfeiriad
        [two] 2 gyfeiriad
        [few] { $count } chyfeiriad
        [many] { $count } chyfeiriad
       *[other] { $count } cyfeiriad
    }
addresses-col-address = Cyfeiriad
addresses-col-uprn = UPRN
addresses-source-before = Daw'r cyfeiriadau o'r
addresses-source-link = gofrestr cyfeiriadau
addresses-error-not-postcode = Nid yw ‘{ $postcode }’ yn god post yn y DU. Rhowch god post fel ZZ1 1AA.
