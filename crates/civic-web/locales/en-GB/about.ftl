# The privacy notice and the accessibility statement.

## Privacy notice

about-privacy-title = Privacy notice
about-privacy-lead = This website is run by { $operator }. This notice says what we keep about you when you use it, why, for how long, and what you can do about it.

about-privacy-controller-heading = Who is responsible for your data
# Followed by the contact email address, as a link, and a full stop.
about-privacy-controller = { $operator } is the controller of the personal data this website keeps. Each public body listed here is the controller of the requests, reports and answers sent to it. To ask about your data, write to

about-privacy-keep-heading = What we keep and why
about-privacy-keep-report = When you report a problem or make a request
about-privacy-keep-report-detail = your name, email address and phone number if you give them, kept apart from the report itself and never shown in public or in open data. We use them to confirm your report, tell you what happens to it, and ask once how satisfied you were at the end. The lawful basis is the public task of the body you sent it to.
about-privacy-keep-location = Where you say the problem is
about-privacy-keep-location-detail = the address, postcode or map point. These are published with the report, because the body needs them to act and other people need them to see what has been reported.
about-privacy-keep-name = Your name on a public report
about-privacy-keep-name-detail = only if you chose to show it.
about-privacy-keep-follow = When you follow a request or ask for data
about-privacy-keep-follow-detail = your email address, to send you updates. It is never published. Each email has a link to stop them.
about-privacy-keep-satisfaction = Your answer to the satisfaction question
about-privacy-keep-satisfaction-detail = counted in the service's published figures, never with your name or your request.
about-privacy-keep-staff = Staff accounts
about-privacy-keep-staff-detail = name, work email, a slow one-way hash of the password (never the password), and sign-in sessions.
about-privacy-keep-security = Security
about-privacy-keep-security-detail = we count sign-in attempts and form submissions per network address for a short time to stop floods and password guessing.

about-privacy-cookies-heading = Cookies
# Shown as HTML: keep the <code> elements around the cookies' names.
about-privacy-cookies = We use up to three cookies, all needed for the site to work as you asked, so we do not ask first: <code>civic_csrf</code> stops other websites sending forms in your name, <code>civic_session</code> keeps staff signed in, and <code>civic_lang</code> remembers that you chose to read the site in Welsh (it is set only if you do). We use no analytics or advertising cookies, and nothing on this site loads from other websites.

about-privacy-retention-heading = How long we keep it
about-privacy-retention = Contact details stay with a report for as long as the body keeps the report under its records policy. Unconfirmed reports and requests are never published. Rate-limit counts last an hour at most. Staff sessions end after half an hour unused (as the deployment sets it) and after eight hours at most, or when the person signs out, signs out everywhere or changes their password.

about-privacy-sharing-heading = Who we share it with
about-privacy-sharing = Only the body you sent your report or request to, and the email service that delivers our messages. Open data from this site never contains personal data.

about-privacy-rights-heading = Your rights
# Followed by the contact email address, as a link, then about-privacy-rights-complain.
about-privacy-rights = You can ask for a copy of what we keep about you, ask us to correct it, ask us to delete it or stop using it where the law allows, and object to how we use it. Write to
about-privacy-rights-complain = . If you are not happy with our answer, you can complain to the Information Commissioner's Office (ico.org.uk, 0303 123 1113).

## Accessibility statement

about-accessibility-title = Accessibility statement
about-accessibility-applies = This statement applies to { $url }, run by { $operator }.
about-accessibility-intro = We want as many people as possible to be able to use this website. You should be able to:
about-accessibility-can-colours = change colours, contrast levels and fonts using your browser or device settings
about-accessibility-can-zoom = zoom in up to 400% without the text spilling off the screen, and read every page on a screen 320 pixels wide without scrolling sideways
about-accessibility-can-keyboard = navigate the whole website using just a keyboard or speech recognition software
about-accessibility-can-screen-reader = listen to the whole website using a screen reader
about-accessibility-can-no-javascript = use every page without JavaScript: every page is made on our server
about-accessibility-charts-and-channels = Every chart has a table beside it with the same figures, and every service lists each way to use it, including by phone, in person, by post and with help to get online.

about-accessibility-status-heading = How accessible this website is
about-accessibility-status = This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, as far as our testing shows. We know of no part of it that is not accessible.

about-accessibility-testing-heading = How we test it
about-accessibility-testing = Every change to the software is checked before it is released: each page, as a member of the public and as staff, is tested automatically with axe-core in a real browser at desktop and phone widths, and for reflow at 320 pixels. Automated tests find only some problems, so tell us about any you meet.

about-accessibility-contact-heading = Feedback and contact information
# Followed by the contact email address, as a link, then about-accessibility-contact-reply.
about-accessibility-contact = If you find a problem, or need information from this website in a different format such as large print, easy read, audio or braille, email
about-accessibility-contact-reply = . We will reply within 5 working days. You can also use any of the other ways listed for each service.

about-accessibility-enforcement-heading = Enforcement procedure
about-accessibility-enforcement = The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
