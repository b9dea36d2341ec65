# Moderation: the queue of what residents published, to hide or show again.

moderation-title = Moderation: { $body }
moderation-heading = Moderation
moderation-intro = What residents published here, newest first. Hide anything that should not be public, such as abuse or someone's personal details typed into a description; say why, and the reason is kept in the request's private history. A hidden request can be shown again.
moderation-nothing-more = There is nothing more.
moderation-nothing-yet = Nothing has been published yet.
moderation-request = Request { $id }
moderation-hidden = Hidden
moderation-public = Public
moderation-reported = Reported
# The date it was reported, and the name the resident gave.
moderation-reported-by = { $date } by { $name }
moderation-description = Description
moderation-where = Where
moderation-photos = Photos
moderation-why-show = Why show it again? (optional)
moderation-why-hide = Why hide it?
moderation-show-again = Show request { $id } again
moderation-hide = Hide request { $id }
moderation-pages = Pages
moderation-newer = Newer
moderation-older = Older
moderation-error-reason-missing = Say why it is hidden: it is kept in the request's history
moderation-error-reason-too-long = The reason must be 1,000 characters or fewer

moderation-error-hide-or-restore = choose to hide or restore
