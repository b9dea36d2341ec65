# Administrators' page of email the outbox set aside.

undelivered-title = Undelivered email
undelivered-intro = Civic tries to send each email { $attempts } times over about eight and a half hours. A message that still cannot be sent, or that cannot be read at all, is set aside here instead of being retried for ever. Send it again once the cause is fixed, or discard it.
undelivered-pending =
    { $count ->
        [one] 1 message is waiting in the queue to be sent.
       *[other] { $count } messages are waiting in the queue to be sent.
    }
undelivered-none = No email has been set aside.
undelivered-table-label = Email set aside
undelivered-caption =
    { $count ->
        [one] 1 message set aside
       *[other] { $count } messages set aside
    }
undelivered-caption-newest =
    { $count ->
        [one] 1 message set aside, the newest { $shown } shown
       *[other] { $count } messages set aside, the newest { $shown } shown
    }
undelivered-col-to = To
undelivered-col-kind = Kind
undelivered-col-queued = Queued
undelivered-col-set-aside = Set aside
undelivered-col-attempts = Attempts
undelivered-col-last-error = Last error
undelivered-col-actions = Actions
undelivered-retry = Send again
# Hidden text after "Send again", for screen readers.
undelivered-retry-hidden = to { $recipient }
undelivered-discard = Discard
# Hidden text after "Discard", for screen readers.
undelivered-discard-hidden = the message to { $recipient }
