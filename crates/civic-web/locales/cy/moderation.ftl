# Cymedroli: y rhestr o'r hyn a gyhoeddodd preswylwyr, i'w guddio neu i'w ddangos eto.

moderation-title = Cymedroli: { $body }
moderation-heading = Cymedroli
moderation-intro = Yr hyn a gyhoeddodd preswylwyr yma, y diweddaraf yn gyntaf. Cuddiwch unrhyw beth na ddylai fod yn gyhoeddus, fel camdriniaeth neu fanylion personol rhywun wedi'u teipio mewn disgrifiad. Dywedwch pam: caiff y rheswm ei gadw yn hanes preifat y cais. Gallwch ddangos cais eto ar ôl ei guddio.
moderation-nothing-more = Does dim byd arall.
moderation-nothing-yet = Does dim byd wedi'i gyhoeddi eto.
moderation-request = Cais { $id }
moderation-hidden = Wedi'i guddio
moderation-public = Cyhoeddus
moderation-reported = Rhoddwyd gwybod
# Y dyddiad y rhoddwyd gwybod, a'r enw a roddodd y preswylydd.
moderation-reported-by = { $date } gan { $name }
moderation-description = Disgrifiad
moderation-where = Ble
moderation-photos = Lluniau
moderation-why-show = Pam ei ddangos eto? (dewisol)
moderation-why-hide = Pam ei guddio?
moderation-show-again = Dangos cais { $id } eto
moderation-hide = Cuddio cais { $id }
moderation-pages = Tudalennau
moderation-newer = Mwy newydd
moderation-older = Hŷn
moderation-error-reason-missing = Dywedwch pam mae'n cael ei guddio: caiff y rheswm ei gadw yn hanes y cais
moderation-error-reason-too-long = Rhaid i'r rheswm fod yn 1,000 o nodau neu lai

moderation-error-hide-or-restore = dewiswch guddio neu adfer
