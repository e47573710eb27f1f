"""Synthetic LinkedIn data exports: byte-faithful files for every era, with planted ground truth.

The repository never holds a real person's data.  This module invents an
account owner and a network of contacts, lets them exchange messages and
invitations with known, planted behaviours, and writes the files exactly as
LinkedIn writes them in each export era (headers, preamble, quoting, date
formats, percent-encoding, ordering; see
``research/linkedin_and_other_export_formats.md`` section 1).

The same generator feeds ``data/sample`` (the notebooks and the demo report),
the tests (with exact ground truth in :attr:`SampleExport.planted`), and the
benchmark export (30,000 contacts, a million messages): every step is
vectorised with numpy and pyarrow, and Python loops run only over templates,
group conversations or people that need special handling.

Planted behaviours (``as_of`` is the export end date)
-----------------------------------------------------
Connections are made, and relationships start, across the whole history
(``years``, default 6): the older part of the network has real conversations
too, so "popularity vs quality" is a history, not a recent spike.

``core``
    A connection with a two-way history that may have started years ago: at
    least 8 messages each way, spread over at least 4 calendar months, the
    last exchange within 90 days, and replies usually within hours.
``occasional``
    A connection with 2-6 messages each way over up to two years; the last
    exchange 3-11 months ago.
``dormant``
    A connection with at least 3 messages each way, a relationship that
    started any time in the history and ended 13-30 months ago.
``new``
    Connected within the last 60 days; 0-2 messages.
``one_way_inbound``
    Sent 1-4 templated pitches the owner never answered; some are connections
    (connect-then-pitch within days), some are not.
``one_way_outbound``
    Received 1-3 of the owner's templated messages and never answered.
``silent``
    A connection older than 60 days without a single message.

Group conversations (the owner and 2-5 core or occasional contacts),
sponsored InMail rows (about 20 % of all rows), the owner's drafts, empty
contents, attachments, invitations with personal, templated and empty notes,
and hard names (accents, emoji, styled letters in a slug, ``Smith, PhD``,
``NA``, ``null``, namesakes, padding) are mixed in.
"""

from __future__ import annotations

import base64
import datetime
import pathlib
import string
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .. import schema as S
from .._errors import ParameterError
from .._text import contact_ids, normalise_profile_urls

__all__ = ["ERAS", "SampleExport", "generate_sample", "write_export", "write_sample"]

ERAS = ("2018-11", "2022-09", "2023-04", "2024-12", "2025-08", "2026-03")
PLANTED_FILE = "netstats_planted.csv"

# ---------------------------------------------------------------- file formats (verbatim, research 1.3-1.6)
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. "
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
_CONNECTIONS_OLD = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")
_CONNECTIONS_URL = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_MESSAGES_2018 = ("From", "To", "Date", "Subject", "Content", "Direction", "Folder")
_MESSAGES_9 = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
)
_MESSAGES_10 = (*_MESSAGES_9[:5], "RECIPIENT PROFILE URLS", *_MESSAGES_9[5:])
_MESSAGES_12 = (*_MESSAGES_10, "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT")
_MESSAGES_11 = (*_MESSAGES_10, "ATTACHMENTS")
_INVITATIONS_5 = ("From", "To", "Sent At", "Message", "Direction")
_INVITATIONS_7 = (*_INVITATIONS_5, "inviterProfileUrl", "inviteeProfileUrl")
_PROFILE_13 = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Headline",
    "Summary",
    "Industry",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)
_PROFILE_15 = (
    "First Name",
    "Last Name",
    "Maiden Name",
    "Address",
    "Birth Date",
    "Contact Instructions",
    "Headline",
    "Summary",
    "Industry",
    "Country",
    "Zip Code",
    "Geo Location",
    "Twitter Handles",
    "Websites",
    "Instant Messengers",
)


@dataclass(frozen=True)
class _Era:
    preamble: bool
    connections: tuple[str, ...]
    us_dates: bool  # Connected On as "4/4/18, 10:35 AM" (2018) instead of "04 Apr 2018"
    messages_file: str
    messages: tuple[str, ...]
    quote_all_messages: bool
    newlines_in_content: bool
    invitations: tuple[str, ...]
    profile: tuple[str, ...]


_ERA_FORMATS = {
    "2018-11": _Era(
        False,
        _CONNECTIONS_OLD,
        True,
        "Messages.csv",
        _MESSAGES_2018,
        False,
        False,
        _INVITATIONS_5,
        _PROFILE_15,
    ),
    "2022-09": _Era(
        True, _CONNECTIONS_OLD, False, "messages.csv", _MESSAGES_9, False, False, _INVITATIONS_5, _PROFILE_13
    ),
    "2023-04": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_10, False, False, _INVITATIONS_5, _PROFILE_13
    ),
    "2024-12": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_12, False, False, _INVITATIONS_7, _PROFILE_13
    ),
    "2025-08": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_11, False, False, _INVITATIONS_7, _PROFILE_13
    ),
    "2026-03": _Era(
        True, _CONNECTIONS_URL, False, "messages.csv", _MESSAGES_11, True, True, _INVITATIONS_7, _PROFILE_13
    ),
}

# ---------------------------------------------------------------- the invented world
_PROFILE_BASE = "https://www.linkedin.com/in/"
_OWNER_FIRST, _OWNER_LAST = "Sasha", "Moreau"
_OWNER_PROFILE = {
    "Headline": "Head of Data at Northwind Analytics | Mentor | Kind, curious teams",
    "Summary": (
        "I build data teams that ship, mentor analysts, and write about measurement, trust and hiring."
    ),
    "Industry": "Software Development",
    "Geo Location": "Lisbon, Portugal",
    "Country": "Portugal",
    "Websites": "[PERSONAL:https://sasha-moreau.example.org]",
}
_SPONSOR = "LinkedIn Member"

_FIRST_NAMES = (
    "Aisha Alejandro Amara Andrei Anika Arjun Astrid Beatriz Bilal Camila Carlos Chen Chiara Daniel Daria "
    "David Deepa Diego Elena Elif Emeka Emma Erik Fatima Felix Freya Gabriel Hana Hannah Hugo Ibrahim Ines "
    "Ingrid Isaac Ivan Jada Jakob James Javier Jin Joana Jonas Julia Kai Kenji Khadija Lars Laura Leila Leo "
    "Lina Lucas Luisa Maja Malik Marco Marta Mateo Maya Mei Mia Mohammed Nadia Naveen Nia Nikolai Noah Nora "
    "Olga Oliver Omar Paolo Pedro Rafael Rania Ravi Rosa Ryan Sara Sebastian Selin Sofia Soren Tariq Thomas "
    "Tomas Valentina Victor Wei Yara Yusuf Zainab Zara Noémie André Björn Sinéad Mónica Ayşe"
).split()
_LAST_NAMES = (
    "Abara Adeyemi Alvarez Andersen Bauer Bianchi Brandt Castro Chen Costa Dahl Diallo Dubois Eriksson "
    "Fernandes Fischer Garcia Gonzalez Haddad Hansen Hoang Horvat Ibrahim Ivanova Jansen Jensen Kaur Keller "
    "Khan Kowalczyk Larsen Le Lindgren Lopez Mahlaba Martin Mendes Meyer Mohamed Moreno Murphy Nakamura "
    "Nguyen Novak Okafor Olsen Osei Park Patel Pereira Petrov Popescu Quinn Rahman Reyes Rossi Sato Schmidt "
    "Shah Singh Sousa Suzuki Tanaka Torres Vargas Wagner Walsh Wang Weber Yilmaz Yamamoto Zhang Zimmermann "
    "O'Brien Müller Sánchez Nowicka Kovačević"
).split() + ["Van Dijk", "da Silva"]
_COMPANIES = (
    "Northwind Analytics",
    "Contoso",
    "Fabrikam, Inc.",
    "Globex",
    "Initech",
    "Blue Harbor Labs",
    "Tidewater Health",
    "Lumen & Oak",
    "Quarry Street Capital",
    "Brightline Logistics",
    "Kestrel Robotics",
    "Meridian Bank",
    "Saffron Foods",
    "Cobalt Energy",
    "Harbourview Partners",
    "Atlas Learning",
    "Pinecrest Software",
    "Riverbend Media",
    "Solstice Retail",
    "Vantage Point Consulting, LLC",
    "Orchid Biotech",
    "Greywater Systems",
    "Nimbus Cloud",
    "Copperleaf Studio",
    "Falcon Freight",
    "Helix Therapeutics",
    "Ironbridge Security",
    "Juniper Civic Tech",
    "Lighthouse Ventures",
    "Marigold Design",
    "Nova Insurance",
    "Open Field Research",
    "Polar Data Co.",
    "Redwood Public Schools",
    "Silverline Telecom",
    "Terra Nova NGO",
    "Umbra Games",
    "Verdant Agritech",
    "Willow & Finch",
    "Zephyr Aerospace",
    "University of Eastbrook",
    "Self-employed",
    "",
)
_POSITIONS = (
    "Data Engineer",
    "Senior Data Scientist",
    "Engineer, Platform",
    "Product Manager",
    "Head of Product",
    "VP, Sales",
    "Software Engineer",
    "Staff Software Engineer",
    "Analytics Lead",
    "UX Researcher",
    "Designer",
    "Marketing Manager",
    "Recruiter",
    "Talent Partner",
    "Founder",
    "Co-founder & CTO",
    "Chief Operating Officer",
    "Finance Director",
    "Account Executive",
    "Customer Success Manager",
    "Research Scientist",
    "Teacher",
    "Nurse Practitioner",
    "Policy Analyst",
    "Operations Manager",
    "Machine Learning Engineer",
    "Student",
    "Consultant",
    "Project Manager",
    "Principal, Strategy & Ops",
    "Lecturer in Statistics",
    "Head of People",
    "",
)
_PITCHER_COMPANIES = (
    "PipelineForge",
    "GrowthLoop Agency",
    "ScaleUp Partners",
    "LeadNest",
    "Apex Outreach",
    "Self-employed",
)
_PITCHER_POSITIONS = (
    "Growth Consultant | I help B2B founders scale",
    "Founder @ PipelineForge | 10x your outbound",
    "Lead Generation Specialist",
    "Business Development Manager",
    "Founder | Building the <future> of work 🚀",
    "Fractional CMO | $2M+ in pipeline generated",
    "Sales Coach for SaaS teams",
    "Offshore Dev Partner | Save 60% on engineering",
)
# (planted kind, first name, last name): the names real exports hold that break naive code
_SPECIAL_PEOPLE = (
    ("core", "José", "García"),
    ("core", "Priya", "𝕁𝕙𝕒"),
    ("core", "Dana", "Smith, PhD"),
    ("occasional", "Zoë", "Laurent"),
    ("occasional", "Łukasz", "Nowak"),
    ("occasional", "Jordan", "null"),
    ("occasional", "NA", "Kim"),
    ("occasional", "Kwame", "Mensah, MBA"),
    ("occasional", "Maria", "Silva"),
    ("silent", "Maria", "Silva"),
    ("silent", "Renée", "Côté"),
    ("one_way_inbound", "Sam", "Carter 🚀"),
)

_GROUP_TITLES = (
    "Data Guild Lisbon",
    "Book club 📚",
    "Analytics leads circle",
    "Conference speakers",
    "Mentoring cohort",
    "Friday lunch crew",
    "Hiring panel",
    "Open-source maintainers",
    "Alumni: Eastbrook MSc",
    "Board prep",
    "Meetup organisers",
    "Dashboard rebuild",
)
_CHAT_OPENERS = (
    "",
    "",
    "",
    "Hi {first}!",
    "Hey {first},",
    "Hi!",
    "Morning!",
    "Thanks {first}!",
    "Hello {first},",
)
_CHAT_BODIES = (
    "Are you going to the data meetup next Thursday?",
    "Thanks for the intro to your colleague, we have a call on Monday.",
    "I read the report you shared, the section on retention was really useful.",
    "Could you send me the slides from your talk?",
    "Congrats on the new role! How are the first weeks going?",
    "Happy to review the draft, send it over when it's ready.",
    "We finally shipped the dashboard, thanks for the early feedback.",
    "Do you have 20 minutes this week to talk about the hiring plan?",
    'Loved the "data contracts" talk, very practical.',
    "They raised $2M last week, so the team is growing fast.",
    "Sorry for the slow reply, it's been a busy week.",
    "Sure, Tuesday at 10 works for me.",
    "That makes sense. Let's keep it simple for the first version.",
    "I'll be in town for the conference, coffee?",
    "Here is the link to the paper we discussed.",
    "How did the interview go?",
    "Good luck with the launch tomorrow!",
    "Can you recommend someone for a freelance design project?",
    "I've added a few comments to the doc, mostly about the timeline.",
    "Yes, count me in for the panel.",
    "The workshop moved to the 14th, same room.",
    "Thanks, that helps a lot.",
    "Let me check with my team and come back to you by Friday.",
    "Great catching up today!",
    "Do you still use the same stack for the pipeline, or did you move to something new?",
    "I'm mentoring two juniors this quarter, any reading tips?",
    "Lunch next week? My treat this time.",
    "Just saw your post about the migration, impressive work.",
    "Could you introduce me to someone in your analytics team?",
    "Absolutely, happy to help.",
    "We're hiring a senior analyst, know anyone good?",
    "I owe you one for the referral, thank you!",
    "The numbers look better after the fix: 12% fewer errors.",
    "Sounds good 👍",
    "Haha, exactly.",
    "Ok, talk soon.",
    "On my way, 5 minutes late, sorry!",
    "What did you think of the keynote?",
    "Happy birthday! 🎉",
    "Sending you the contract now, let me know if anything looks off.",
    "Quick update:\n- the pilot went well\n- we start the rollout in May",
    "Two questions:\n1. who owns the budget?\n2. when is the deadline?",
    "Notes from today <3 the A/B test & the survey both point the same way.",
)
_CHAT_CLOSERS = ("", "", "", "Thanks!", "Cheers,", "Best,", "Talk soon.", "🙂", "Speak soon!")
_GROUP_BODIES = (
    "Who's in for the next session?",
    "I can host next time.",
    "Agenda for Thursday is in the doc.",
    "Welcome to the group, everyone!",
    "Reminder: slides due Friday.",
    "Great session today, thanks all.",
    "Can someone share the recording?",
    "I'll bring snacks 🍪",
    "Moving the call to 5pm, same link.",
    "Next book: pick one by Sunday, please.",
    "+1, works for me.",
    "Summary of today:\n- budget approved\n- hiring two analysts\n- next sync in two weeks",
)
_NEW_FROM_OWNER = (
    "Thanks for connecting, {first}!",
    "Great to meet you at the event, {first}. Let's stay in touch.",
    "Thanks for the invite, {first}, happy to connect.",
)
_NEW_FROM_CONTACT = (
    "Thanks for accepting, {owner}!",
    "Great to connect, {owner}.",
    "Hi {owner}, nice to meet you here. Enjoyed your talk last week.",
)
_PITCHES = (
    "Hi {owner}, I help {industry} leaders {outcome}. "
    "Would you be open to a quick 15-minute call next week?{tail}",
    "Hi {owner},\n\nI noticed we're both in {industry}. "
    "We help teams like yours {outcome}.\n\nWorth a quick chat?{tail}",
    "Hello {owner}! I work with {industry} founders to {outcome}. Do you have 15 minutes this week?{tail}",
)
_PITCH_INDUSTRIES = ("software", "SaaS", "data", "B2B tech", "fintech")
_PITCH_OUTCOMES = (
    "book 20+ qualified meetings a month",
    "cut cloud costs by 30%",
    "scale outbound without hiring",
    "hire vetted developers in 2 weeks",
    "turn LinkedIn into a predictable pipeline",
    "double demo bookings in 90 days",
)
_PITCH_TAILS = ("", " No pressure!", " Thanks!", " 🙂")
_PITCH_FOLLOW_UPS = (
    "Hi {owner}, just bumping this to the top of your inbox. Any interest?",
    "{owner}, following up on my note above. Happy to share a short case study.",
    "Hi {owner}, did you get a chance to look at my last message?",
    "Last try, {owner}: would a 10-minute call work better?",
)
_OUTREACH = (
    "Hi {first}, I'm researching how data teams handle onboarding and would love 15 minutes of your time. "
    "Would next week work?{tail}",
    "Hi {first}, hope you're well! I've just started a newsletter on data leadership. "
    "Shall I add you to the list?{tail}",
    "Hi {first}, we're hiring a senior analyst and I thought you might know someone. "
    "Open to a quick call?{tail}",
)
_OUTREACH_TAILS = ("", " Thanks!", "\n\nCheers,\n{owner}")
_OUTREACH_FOLLOW_UPS = (
    "Hi {first}, just following up on my last message. Let me know!",
    "Hi {first}, circling back on this in case it got buried.",
)
_CONFIDED = (
    "I'm quietly looking for a new role, please keep it between us.",
    "Between you and me: I'm quietly looking for a new role, please keep it between us 🙏",
    "Some news first: I'm quietly looking for a new role, please keep it between us. Any leads welcome!",
)
_DRAFTS = ("Hi {first}, quick question about", "Thanks again for", "Following up on our call, I think")
_ORPHAN_DRAFT_SUBJECT = "Catching up"
_SPONSOR_BRANDS = (
    "Cobalt Cloud",
    "Meridian Bank",
    "Atlas Learning",
    "Brightline Logistics",
    "Nimbus CRM",
    "Helix Events",
)
_SPONSOR_TITLES = (
    "Data Leaders Summit: your invitation",
    "Free webinar: AI for analysts",
    "Your 30-day trial is waiting",
    "Reporting in half the time",
)
_SPONSOR_SUBJECTS = (
    "Quick question, %FIRSTNAME%",
    "Invitation: Data Leaders Summit",
    "Your free trial is waiting",
    "Are you hiring in 2027?",
    "",
)
_SPONSOR_OFFERS = (
    "Join 2,000 data leaders at our free summit on 12 March.",
    "We&rsquo;d love to show you how teams save 10 hours a week with automated reporting.",
    "Your exclusive 30% discount expires on Friday.",
    "Register now for our webinar on AI in finance.&nbsp;Seats are limited.",
    "Would you be open to a quick survey about your tools? We'll send a $25 gift card.",
)
_SPIN = '<p class="spinmail-quill-editor__spin-break">'
_OLD_INMAIL = '<p style="margin-bottom: 0px;">'
# Personal notes are written one by one: each is a fresh combination of short specifics (who, when,
# where, what they said), so that, like real personal notes, most of its word runs are its own and
# netstats' template detector (refined_note_kinds) does not see a template in them.
_PERSONAL_NOTE_PARTS = (
    ("Hi", "Hello", "Hey", "Dear", "Morning", "Hiya", "Evening", "Ahoy", "Greetings", "Howdy"),
    "{first}!",
    (
        "Great chatting",
        "Lovely meeting",
        "Fun talking",
        "Glad we met",
        "Good meeting",
        "Nice chatting",
        "Enjoyed talking",
        "Brilliant chatting",
        "Cool meeting",
        "Such fun",
        "Really enjoyed",
        "Loved meeting",
        "Happy we met",
        "Nice talking",
        "Grand meeting",
        "Thanks, lovely",
    ),
    (
        "yesterday",
        "Tuesday",
        "Friday",
        "Saturday",
        "tonight",
        "today",
        "Monday",
        "Wednesday",
        "Thursday",
        "Sunday",
        "earlier",
        "lately",
        "recently",
        "this week",
    ),
    (
        "at PyData",
        "at DataConf",
        "at the meetup",
        "at the summit",
        "at the fair",
        "at the dinner",
        "at the workshop",
        "at the hackathon",
        "at the launch",
        "at the panel",
        "at the retreat",
        "at the sprint",
        "at the salon",
        "at the offsite",
        "at the brunch",
        "at the gala",
    ),
    "in",
    (
        "Lisbon;",
        "Porto;",
        "Berlin;",
        "Nairobi;",
        "Toronto;",
        "Bangalore;",
        "Madrid;",
        "Dublin;",
        "Oslo;",
        "Accra;",
        "Lyon;",
        "Austin;",
        "Kyoto;",
        "Quito;",
        "Tallinn;",
        "Perth;",
    ),
    (
        "your take on",
        "loved your",
        "your notes on",
        "your demo on",
        "your question on",
        "your slides on",
        "your rant on",
        "your story on",
        "your work on",
        "your tips on",
        "your joke on",
        "your idea on",
    ),
    (
        "data contracts",
        "hiring juniors",
        "survey design",
        "stale dashboards",
        "A/B tests",
        "mentoring",
        "churn models",
        "on-call rotas",
        "pricing pages",
        "open data",
        "team rituals",
        "dbt macros",
        "sampling bias",
        "remote onboarding",
        "SQL style",
        "burnout",
        "feature stores",
        "Bayesian stats",
        "data ethics",
        "CSV horrors",
    ),
    (
        "stuck with me.",
        "made me think.",
        "hit home.",
        "changed my plans.",
        "helped loads.",
        "got me hooked.",
        "still amuses me.",
        "opened my eyes.",
        "keeps resurfacing.",
        "stayed with me.",
        "inspired me.",
        "rang true.",
    ),
    (
        "Stay in touch?",
        "Coffee soon?",
        "Happy connecting!",
        "Keep me posted!",
        "Swap notes?",
        "See you again?",
        "Talk soon!",
        "Glad to connect!",
        "Send the link?",
        "Next round's mine!",
    ),
)
_GENERIC_NOTES = (
    "I'd like to add you to my professional network on LinkedIn.",
    "Hi {first}, I'd like to join your LinkedIn network.",
    "{first}, I'd like to add you to my professional network on LinkedIn.",
    "Hi {first}, I'd like to add you to my professional network on LinkedIn.",
)

# hard cases (generate_sample(hard_cases=True)): everyday phrases that honest notes share, a template
# the owner sends with the name swapped in, pitches signed by each pitcher, long letters
_EVERYDAY_NOTE_PARTS = (
    ("Hi", "Hello", "Hey", "Dear"),
    "{first},",
    (
        "great to meet you",
        "it was great to meet you",
        "lovely to meet you",
        "so nice to meet you",
        "thanks for the chat",
        "great to finally meet you",
    ),
    _PERSONAL_NOTE_PARTS[4],
    "in",
    _PERSONAL_NOTE_PARTS[6],
    _PERSONAL_NOTE_PARTS[7],
    _PERSONAL_NOTE_PARTS[8],
    _PERSONAL_NOTE_PARTS[9],
    (
        "P.S. the coffee",
        "P.S. your dog",
        "P.S. that rainy walk",
        "P.S. the quiz night",
        "P.S. your bike",
        "P.S. the jazz trio",
        "P.S. that rooftop view",
        "P.S. your sourdough tip",
        "P.S. the ferry ride",
        "P.S. that karaoke song",
        "P.S. your book pick",
        "P.S. the tapas place",
        "P.S. that chess game",
        "P.S. your running app",
        "P.S. the tram detour",
        "P.S. that board game",
        "P.S. your podcast list",
        "P.S. the street market",
        "P.S. that fire alarm",
        "P.S. your vinyl haul",
    ),
    (
        "was a highlight.",
        "still makes me smile.",
        "made my week.",
        "is now a legend.",
        "deserves a sequel.",
        "won me over.",
        "beat every talk.",
        "was peak chaos.",
        "keeps coming up.",
        "was pure genius.",
        "saved the evening.",
        "impressed my team.",
        "lives rent free.",
        "got a mention today.",
        "was unforgettable.",
        "needs a rematch.",
    ),
    (
        "Ask Jo why.",
        "My team agrees.",
        "No regrets.",
        "Still laughing.",
        "Worth the detour.",
        "Ten out of ten.",
        "Who knew?",
        "I owe you one.",
        "Next time, my treat.",
        "Photos to follow.",
        "Long story.",
        "Truly.",
        "Seriously.",
        "Bring it next time.",
        "Say hi from me.",
        "Do not tell Sam.",
    ),
    (
        "Would love to stay in touch.",
        "Let's keep in touch!",
        "Looking forward to staying in touch.",
        "Hope to see you again soon.",
        "Let's stay in touch.",
    ),
)
_TEMPLATE_NOTE = (
    "Hi {first}, I'm building a community of data leaders who share what works and what does not, "
    "and I would love to have you in it. Looking forward to connecting!"
)
_SIGNED_PITCH = "I'm {me}. "
_LONG_BODIES = 8  # chat bodies in one long letter (about 70 words)

# message categories (what text a message gets)
_CHAT, _GROUP, _NEW, _PITCH, _FOLLOW_UP, _OUTREACH_FIRST, _OUTREACH_FOLLOW, _SPONSORED, _DRAFT, _LONG = range(
    10
)
_KIND_SHARES = {
    "core": 0.06,
    "occasional": 0.14,
    "dormant": 0.10,
    "new": 0.06,
    "one_way_inbound": 0.08,
    "one_way_outbound": 0.06,
    "silent": 0.50,
}
_KIND_CODE = {kind: code for code, kind in enumerate(S.SEGMENTS)}
_MIN_CONTACTS = 50
_MESSAGES_PER_CONTACT = 12
_SPONSORED_SHARE = 0.20
_GROUP_SHARE = 0.07
_CORE_MIN_MESSAGES = 18
_MONTH = 30.44  # days


@dataclass(frozen=True)
class SampleExport:
    """An invented LinkedIn account: the canonical data behind every era's files.

    Text cells hold exactly what the files hold (``''`` is an empty cell); the
    writers only choose columns, quoting and date formats.

    Attributes
    ----------
    people : pandas.DataFrame
        Everyone: the owner (``role == 'owner'``), the planted contacts
        (``'contact'``) and strangers seen only in pending invitations
        (``'invitation_only'``).  Columns ``contact_id, name, first_name,
        last_name, profile_url`` (raw, Unicode, original case), ``company,
        position, role, planted_kind, is_connection, connected_on``.
    connections : pandas.DataFrame
        The rows of Connections.csv, newest first, hidden-profile rows
        included (their ``contact_id`` is NA).  Names, company and position
        carry the file's whitespace padding; ``profile_url`` is not yet
        percent-encoded.
    messages : pandas.DataFrame
        The rows of messages.csv, grouped by conversation, newest first
        within a conversation; drafts and sponsored rows included and flagged.
        ``content`` keeps its newlines (eras before 2026 collapse them).
    invitations : pandas.DataFrame
        The rows of Invitations.csv from the owner's side: the other person's
        ``contact_id, name, profile_url``, ``direction`` ('received' or
        'sent', from the owner's view), naive ``sent_at``, the note and its ``note_kind``.
    profile : pandas.DataFrame
        The one Profile.csv row, columns named as in the 2018 file (a superset).
    planted : pandas.DataFrame
        The ground truth for every planted contact, columns
        :data:`netstats.schema.PLANTED_COLUMNS`, sorted by contact id.
    owner_name, owner_url : str
        The account owner's display name and raw profile URL.
    as_of : pandas.Timestamp
        The export end (UTC midnight of ``end``); every event happens before it.
    long_writers : tuple of str
        Contact ids of the core contacts planted as writers of few long
        letters (``generate_sample(hard_cases=True)``; empty otherwise).
    """

    people: pd.DataFrame
    connections: pd.DataFrame
    messages: pd.DataFrame
    invitations: pd.DataFrame
    profile: pd.DataFrame
    planted: pd.DataFrame
    owner_name: str
    owner_url: str
    as_of: pd.Timestamp
    long_writers: tuple[str, ...] = ()


# ================================================================ generation
def generate_sample(
    contacts: int = 500,
    messages: int | None = None,
    seed: int = 0,
    end: datetime.date = datetime.date(2026, 11, 1),
    years: float = 6.0,
    hard_cases: bool = False,
) -> SampleExport:
    """Invent a LinkedIn account whose contacts behave in known, planted ways.

    Parameters
    ----------
    contacts : int, default 500
        Number of planted contacts (at least 50), mixed as 6 % core, 14 %
        occasional, 10 % dormant, 6 % new, 8 % one-way inbound (pitchers),
        6 % one-way outbound, 50 % silent.  About 4 % more people appear
        only in pending invitations.
    messages : int, optional
        Rows of messages.csv, sponsored rows and drafts included (about 20 %
        are sponsored).  Default: 12 per contact.  Core contacts absorb the
        difference, so the count is met exactly when it is feasible.
    seed : int, default 0
        Seed of the only random generator used (``numpy.random.default_rng``).
    end : datetime.date, default 2026-11-01
        The export date; every event happens before its midnight (UTC).
    years : float, default 6.0
        Length of the history (2 to 20 years): connections are made and
        relationships start across all of it, so the older part of the
        network has conversations too.
    hard_cases : bool, default False
        Also plant the cases a verdict most easily gets wrong (``data/sample``
        is generated without them):

        * half the core contacts write *few long* letters: 4-7 messages each
          way of about 70 words, one exchange a month in 4-7 distinct months
          of the last two years, the last one 1-10 days ago (the others write
          many short messages, as without hard cases);
          :attr:`SampleExport.long_writers` names them;
        * every personal invitation note the owner sends or receives is
          written for one person but shares everyday phrases ("great to meet
          you", "let's stay in touch");
        * every generic note the owner sends is one template with the
          invitee's first name swapped in (its truth stays ``generic``);
        * pitches come from three campaigns, each one text that every
          pitcher signs with their own name;
        * a new contact's first message is written for the owner, with
          everyday phrases (a cold message that is no pitch).

    Returns
    -------
    SampleExport

    Raises
    ------
    ParameterError
        If a parameter is out of range, or ``messages`` is too small to hold
        the planted behaviours of ``contacts`` contacts.

    Examples
    --------
    >>> sample = generate_sample(contacts=100, seed=1)
    >>> len(sample.messages), int(sample.messages["is_sponsored"].sum())
    (1200, 240)
    >>> sample.planted["planted_kind"].value_counts()[["core", "silent"]].tolist()
    [6, 50]
    >>> sample.owner_name
    'Sasha Moreau'
    """
    contacts, messages, seed, years = _check_parameters(contacts, messages, seed, end, years)
    if not isinstance(hard_cases, (bool, np.bool_)):
        raise ParameterError(
            f"hard_cases must be True or False, not {hard_cases!r}",
            expected="a bool",
            fix="pass hard_cases=True to plant the hard cases, or leave it out",
        )
    rng = np.random.default_rng(seed)
    world = _World(rng, contacts, messages, end, years, bool(hard_cases))
    return world.build()


def _check_parameters(contacts, messages, seed, end, years):
    def _int(name, value, low):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < low:
            raise ParameterError(
                f"{name} must be a whole number of at least {low}",
                expected=f"{name} >= {low}",
                fix=f"pass an integer {name}",
            )
        return int(value)

    contacts = _int("contacts", contacts, _MIN_CONTACTS)
    messages = contacts * _MESSAGES_PER_CONTACT if messages is None else _int("messages", messages, 1)
    seed = _int("seed", seed, 0)
    if not isinstance(end, datetime.date) or isinstance(end, datetime.datetime):
        raise ParameterError(
            "end must be a datetime.date", expected="a date such as datetime.date(2026, 11, 1)"
        )
    if isinstance(years, bool) or not isinstance(years, (int, float)) or not 2.0 <= float(years) <= 20.0:
        raise ParameterError(
            "years is out of range", expected="a number of years from 2 to 20", fix="pass years=3"
        )
    return contacts, messages, seed, float(years)


def _kind_counts(contacts: int) -> np.ndarray:
    """Contacts per planted kind (largest-remainder rounding of the shares), in segment order."""
    shares = np.array([_KIND_SHARES[k] for k in S.SEGMENTS])
    raw = shares * contacts
    counts = np.floor(raw).astype(np.int64)
    counts[np.argsort(-(raw - counts), kind="stable")[: contacts - counts.sum()]] += 1
    return counts


class _World:
    """One generation run; people are integers (0 is the owner, then contacts, then strangers)."""

    def __init__(self, rng, contacts, messages, end, years, hard_cases=False):
        self.rng = rng
        self.hard = hard_cases
        self.n_contacts = contacts
        self.total_messages = messages
        self.as_of = pd.Timestamp(end, tz="UTC")
        self.window = years * 365.25  # days of history: connections and messages

    def _rows(self, kind: str) -> np.ndarray:
        """The people planted as ``kind``."""
        return np.flatnonzero(self.kind == _KIND_CODE[kind])

    # ------------------------------------------------------------ people
    def _people(self):
        rng, n = self.rng, self.n_contacts
        counts = _kind_counts(n)
        self.kind = np.concatenate([[-1], np.repeat(np.arange(len(counts)), counts)])  # -1: owner
        n_strangers = max(4, round(0.04 * n))
        self.kind = np.concatenate([self.kind, np.full(n_strangers, -2)])  # -2: invitation only
        size = self.kind.size
        self.contact_rows = np.arange(1, n + 1)
        first = np.array(_FIRST_NAMES, dtype=object)[rng.integers(0, len(_FIRST_NAMES), size)]
        last = np.array(_LAST_NAMES, dtype=object)[rng.integers(0, len(_LAST_NAMES), size)]
        company = np.array(_COMPANIES, dtype=object)[rng.integers(0, len(_COMPANIES), size)]
        position = np.array(_POSITIONS, dtype=object)[rng.integers(0, len(_POSITIONS), size)]
        pitcher = self.kind == _KIND_CODE["one_way_inbound"]
        company[pitcher] = np.array(_PITCHER_COMPANIES, dtype=object)[
            rng.integers(0, len(_PITCHER_COMPANIES), pitcher.sum())
        ]
        position[pitcher] = np.array(_PITCHER_POSITIONS, dtype=object)[
            rng.integers(0, len(_PITCHER_POSITIONS), pitcher.sum())
        ]
        first[0], last[0] = _OWNER_FIRST, _OWNER_LAST
        company[0], position[0] = "Northwind Analytics", "Head of Data"
        taken = np.zeros(size, dtype=bool)
        for kind, special_first, special_last in _SPECIAL_PEOPLE:
            row = int(np.flatnonzero((self.kind == _KIND_CODE[kind]) & ~taken)[0])
            taken[row] = True
            first[row], last[row] = special_first, special_last
        self.special = taken
        self.first, self.last, self.company, self.position = first, last, company, position
        self.name = first + " " + last
        self.url = self._profile_urls()

    def _profile_urls(self):
        rng, size = self.rng, self.kind.size
        # object dtype: Python's Unicode-aware regex keeps accented and styled letters in slugs
        base = pd.Series(self.first + "-" + self.last, dtype=object).str.lower()
        base = base.str.replace(r"[^\w]+", "-", regex=True).str.strip("-").to_numpy(dtype=object)
        suffix = _hex(rng, size, 8)
        vanity = (rng.random(size) < 0.12) & ~self.special
        slug = np.where(vanity, base, base + "-" + suffix)
        capitalised = (rng.random(size) < 0.03) & ~self.special
        title = pd.Series(slug[capitalised], dtype=object).str.title().to_numpy(dtype=object)
        slug[capitalised] = title
        # contact ids must be unique: redraw the suffix of any repeated slug (rare)
        while True:
            key = pd.Series(slug, dtype="string").str.lower()
            repeated = key.duplicated().to_numpy()
            if not repeated.any():
                break
            slug[repeated] = base[repeated] + "-" + _hex(rng, int(repeated.sum()), 9)
        return _PROFILE_BASE + slug

    # ------------------------------------------------------------ timelines (days before the end)
    def _timelines(self):
        rng, w = self.rng, self.window
        size = self.kind.size
        self.connected = np.full(size, np.nan)  # days before the end; NaN: not a connection
        self.first_msg = np.full(size, np.nan)
        self.last_msg = np.full(size, np.nan)
        rows = self._rows
        core, occ, dormant = rows("core"), rows("occasional"), rows("dormant")
        self.last_msg[core] = rng.uniform(1.0, 80.0, core.size)
        self.first_msg[core] = (
            self.last_msg[core] + 170 + rng.random(core.size) * (w - 3 - 170 - self.last_msg[core])
        )
        self.long_writer = np.zeros(size, dtype=bool)
        if self.hard:
            # one exchange a month: the last four 40 days apart (see _schedule), the first within 20 months
            long = core[(rng.random(core.size) < 0.5) & ~self.special[core]]
            self.long_writer[long] = True
            self.last_msg[long] = rng.uniform(1.0, 10.0, long.size)
            self.first_msg[long] = rng.uniform(200.0, 600.0, long.size)
        self.last_msg[occ] = rng.uniform(100.0, 320.0, occ.size)
        self.first_msg[occ] = np.minimum(self.last_msg[occ] + rng.uniform(0, 720, occ.size), w - 2)
        # dormant: a real relationship that started any time in the history and ended 13-30 months ago
        high = min(30 * _MONTH - 7, w - 30)
        self.last_msg[dormant] = rng.uniform(13 * _MONTH + 7, high, dormant.size)
        span = np.maximum(w - 2 - self.last_msg[dormant] - 20, 0)
        self.first_msg[dormant] = self.last_msg[dormant] + 20 + rng.random(dormant.size) * span
        talked = np.concatenate([core, occ, dormant])
        # connected up to 400 days before the first message, never before the history starts
        room = np.minimum(400.0, w - 1 - self.first_msg[talked])
        self.connected[talked] = self.first_msg[talked] + 1 + rng.random(talked.size) * (room - 1)

        new = rows("new")
        self.connected[new] = rng.uniform(2.0, 55.0, new.size)
        self.last_msg[new] = self.connected[new] - rng.uniform(0.1, 1.0, new.size) * (
            self.connected[new] - 1.0
        )
        self.first_msg[new] = self.last_msg[new]

        inbound = rows("one_way_inbound")
        self.inbound_connected = rng.random(inbound.size) < 0.6
        self.inbound_connected[0] = True  # the emoji-named pitcher connects, then pitches
        self.inbound_connected[-1] = inbound.size < 2  # and at least one pitches without connecting
        linked = inbound[self.inbound_connected]
        self.connected[linked] = rng.uniform(70.0, w - 10, linked.size)
        self.first_msg[linked] = self.connected[linked] - rng.uniform(0.1, 4.0, linked.size)
        cold = inbound[~self.inbound_connected]  # pitch without connecting
        self.first_msg[cold] = rng.uniform(10.0, w - 10, cold.size)

        outbound = rows("one_way_outbound")
        self.connected[outbound] = rng.uniform(70.0, w - 10, outbound.size)
        self.first_msg[outbound] = self.connected[outbound] - rng.uniform(1.0, 30.0, outbound.size)

        silent = rows("silent")
        self.connected[silent] = rng.uniform(66.0, w, silent.size)

    # ------------------------------------------------------------ message volumes
    def _volumes(self):
        """Owner and contact message counts per person in 1:1 conversations, and the group plan."""
        rng = self.rng
        size = self.kind.size
        self.n_owner = np.zeros(size, np.int64)
        self.n_contact = np.zeros(size, np.int64)
        rows = self._rows
        core, occ, dormant = rows("core"), rows("occasional"), rows("dormant")
        new, inbound, outbound = rows("new"), rows("one_way_inbound"), rows("one_way_outbound")
        long = core[self.long_writer[core]]
        core = core[~self.long_writer[core]]  # long writers write only their letters
        self._plan_groups(core, occ)

        # occasional: 2-6 each way overall, group posts included, at least one each way in 1:1
        their = rng.integers(2, 7, occ.size)
        mine = np.clip(their + rng.integers(-1, 2, occ.size), 2, 6)
        mine = np.maximum(mine, self.group_owner_posts[occ] + 1)
        their = np.maximum(their, self.group_contact_posts[occ] + 1)
        self.n_owner[occ] = mine - self.group_owner_posts[occ]
        self.n_contact[occ] = their - self.group_contact_posts[occ]

        n = rng.integers(6, 21, dormant.size)
        self._split_two_way(dormant, n)

        if long.size:
            self.n_owner[long] = self.n_contact[long] = rng.integers(4, 8, long.size)

        n_new = rng.choice(3, new.size, p=[0.4, 0.35, 0.25])
        owner_writes = rng.random(new.size) < 0.5
        self.n_owner[new] = np.where(n_new == 2, 1, np.where(n_new == 1, owner_writes, 0))
        self.n_contact[new] = n_new - self.n_owner[new]

        self.n_contact[inbound] = rng.integers(1, 5, inbound.size)
        self.n_owner[outbound] = rng.integers(1, 4, outbound.size)

        self.n_sponsored = max(1, round(_SPONSORED_SHARE * self.total_messages))
        self.n_drafts = max(3, round(self.total_messages / 1000))
        fixed = int(self.n_owner.sum() + self.n_contact.sum()) + int(self.group_sizes_fixed.sum())
        core_only_groups = int((~self.group_has_occasional).sum())
        group_budget = 0  # posts of the groups with core members only
        if core_only_groups:
            group_share = round(_GROUP_SHARE * self.total_messages) - int(self.group_sizes_fixed.sum())
            group_budget = max(6 * core_only_groups, group_share)
        core_budget = self.total_messages - self.n_sponsored - self.n_drafts - fixed - group_budget
        needed = _CORE_MIN_MESSAGES * core.size
        if core_budget < needed:
            others = self.total_messages - self.n_sponsored - core_budget
            floor = int(np.ceil((others + needed) / (1 - _SPONSORED_SHARE)))
            raise ParameterError(
                f"messages={self.total_messages} is too few for {self.n_contacts} contacts",
                expected=f"messages of at least about {floor}",
                fix="pass more messages or fewer contacts",
            )
        weights = rng.lognormal(0.0, 1.0, core.size)
        extra = _largest_remainder(weights, core_budget - needed)
        self._split_two_way(core, _CORE_MIN_MESSAGES + extra)
        self._size_core_groups(group_budget)

    def _split_two_way(self, rows, n):
        """Split ``n`` messages as evenly as possible between the owner and each contact."""
        owner_more = self.rng.random(rows.size) < 0.5
        self.n_owner[rows] = np.where(owner_more, (n + 1) // 2, n // 2)
        self.n_contact[rows] = n - self.n_owner[rows]

    def _plan_groups(self, core, occ):
        rng = self.rng
        size = self.kind.size
        n_groups = max(2, round((core.size + occ.size) / 10))
        self.group_members = []
        self.group_has_occasional = np.zeros(n_groups, dtype=bool)
        self.group_sizes_fixed = np.zeros(n_groups, np.int64)
        self.group_owner_posts = np.zeros(size, np.int64)
        self.group_contact_posts = np.zeros(size, np.int64)
        self.group_counts = []  # per group: posts of [owner, member 1, member 2, ...]
        occasional_pool = list(rng.permutation(occ))
        comma_name = int(core[np.flatnonzero(self.last[core] == "Smith, PhD")[0]])
        for g in range(n_groups):
            n_members = int(rng.integers(2, 6))
            with_occasional = bool(occasional_pool) and bool(rng.random() < 0.4)
            n_core_members = min(n_members - (1 if with_occasional else 0), core.size)
            members = list(rng.choice(core, n_core_members, replace=False))
            if g == 0 and comma_name not in members:
                members[0] = comma_name  # a TO cell with a name that holds ", "
            if with_occasional:
                o = int(occasional_pool.pop())
                members.append(o)
                owner_posts, their_posts = int(rng.integers(1, 3)), int(rng.integers(0, 2))
                core_posts = rng.integers(1, 3, n_core_members)
                self.group_owner_posts[o] = owner_posts
                self.group_contact_posts[o] = their_posts
                self.group_counts.append(np.array([owner_posts, *core_posts, their_posts]))
                self.group_sizes_fixed[g] = owner_posts + their_posts + core_posts.sum()
                self.group_has_occasional[g] = True
            else:
                self.group_counts.append(None)
            self.group_members.append(np.array(members, dtype=np.int64))

    def _size_core_groups(self, budget):
        """Share ``budget`` posts among the core-only groups: everyone posts, the owner about 30 %."""
        rng = self.rng
        core_only = np.flatnonzero(~self.group_has_occasional)
        base = np.array([self.group_members[g].size + 1 for g in core_only], dtype=np.int64)
        extras = _largest_remainder(rng.lognormal(0.0, 0.8, core_only.size), budget - int(base.sum()))
        for g, extra in zip(core_only, extras, strict=True):
            members = self.group_members[g]
            owner_extra = round(0.3 * extra)
            shares = _largest_remainder(rng.random(members.size) + 0.2, extra - owner_extra)
            self.group_counts[g] = np.array([1 + owner_extra, *(1 + shares)])

    # ------------------------------------------------------------ conversations
    def _conversations(self):
        """Message rows (conversation, sender, days before the end, category) for every conversation."""
        rng, kind = self.rng, self.kind
        talks = np.flatnonzero((self.n_owner + self.n_contact) > 0)
        n = self.n_owner[talks] + self.n_contact[talks]
        k = kind[talks]
        is_core = k == _KIND_CODE["core"]
        one_way = np.isin(k, [_KIND_CODE["one_way_inbound"], _KIND_CODE["one_way_outbound"]])
        sessions = np.where(
            is_core,
            np.clip(np.rint(n / 4), 5, n - 4),
            np.where(one_way, n, np.minimum(np.maximum(1, np.rint(n / 3)), n)),
        ).astype(np.int64)
        occ = k == _KIND_CODE["occasional"]
        sessions[occ] = np.minimum(rng.integers(1, 4, occ.sum()), n[occ])
        long = self.long_writer[talks]
        sessions[long] = n[long] // 2  # one letter each way per exchange
        first, last = self.first_msg[talks].copy(), self.last_msg[talks].copy()
        pitches = k == _KIND_CODE["one_way_inbound"]
        spacing = np.where(pitches, rng.uniform(3, 21, k.size), rng.uniform(5, 25, k.size))
        last = np.where(one_way, np.maximum(first - (n - 1) * spacing, 1.0), last)
        conv, days = _schedule(rng, n, first, last, sessions, is_core)
        owner_sends = _interleave(rng, self.n_owner[talks], self.n_contact[talks])
        person = talks[conv]
        sender = np.where(owner_sends, 0, person)
        position = np.arange(conv.size) - (np.cumsum(n) - n)[conv]
        category = np.full(conv.size, _CHAT)
        pk = kind[person]
        category[pk == _KIND_CODE["new"]] = _NEW
        category[self.long_writer[person]] = _LONG
        inbound = pk == _KIND_CODE["one_way_inbound"]
        outbound = pk == _KIND_CODE["one_way_outbound"]
        category[inbound] = np.where(position[inbound] == 0, _PITCH, _FOLLOW_UP)
        category[outbound] = np.where(position[outbound] == 0, _OUTREACH_FIRST, _OUTREACH_FOLLOW)
        self.one_to_one = talks
        parts = [
            dict(conv=conv, sender=sender, days=days, category=category, group_slot=np.full(conv.size, -1))
        ]
        parts.append(self._group_messages(n_before=talks.size))
        parts.append(self._sponsored_messages(n_before=talks.size + len(self.group_members)))
        self.n_conversations = talks.size + len(self.group_members) + self.n_sponsored_conversations
        rows = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
        return rows

    def _group_messages(self, n_before):
        rng = self.rng
        n_groups = len(self.group_members)
        n = np.array([c.sum() for c in self.group_counts], dtype=np.int64)
        first = np.empty(n_groups)
        last = np.empty(n_groups)
        for g in range(n_groups):
            if self.group_has_occasional[g]:
                o_last = self.last_msg[self.group_members[g][-1]]
                last[g] = o_last + rng.uniform(5, 15)
                first[g] = last[g] + rng.uniform(15, 90)
            else:
                last[g] = rng.uniform(1.0, 60.0)
                first[g] = rng.uniform(last[g] + 60, self.window - 5)
        sessions = np.maximum(1, n // 4)
        conv, days = _schedule(rng, n, first, last, sessions, np.zeros(n_groups, dtype=bool))
        # senders: a shuffled bag of each group's posts; slot 0 is the owner
        slot = np.concatenate([rng.permutation(np.repeat(np.arange(c.size), c)) for c in self.group_counts])
        participants = [np.concatenate([[0], m]) for m in self.group_members]
        offsets = np.cumsum([p.size for p in participants]) - [p.size for p in participants]
        flat = np.concatenate(participants)
        sender = flat[offsets[conv] + slot]
        return dict(
            conv=conv + n_before,
            sender=sender,
            days=days,
            category=np.full(conv.size, _GROUP),
            group_slot=offsets[conv] + slot,
        )

    def _sponsored_messages(self, n_before):
        rng = self.rng
        total = self.n_sponsored
        follow_ups = round(0.13 * total) if total > 1 else 0
        n_conv = total - follow_ups
        per_conv = np.ones(n_conv, np.int64)
        per_conv[rng.choice(n_conv, follow_ups, replace=False)] = 2
        self.n_sponsored_conversations = n_conv
        conv = np.repeat(np.arange(n_conv), per_conv)
        start = rng.uniform(0.2, self.window - 1, n_conv)
        start[0] = rng.uniform(0.05, 0.15)  # a fresh one: the export's newest row
        opener_of_two = np.r_[conv[1:] == conv[:-1], False]
        days = start[conv] + np.where(
            opener_of_two, rng.uniform(2, 10, conv.size), 0.0
        )  # a follow-up days later
        self.sponsored_campaign = rng.integers(0, 1 << 30, n_conv)
        return dict(
            conv=conv + n_before,
            sender=np.full(conv.size, -1),
            days=days,
            category=np.full(conv.size, _SPONSORED),
            group_slot=np.full(conv.size, -1),
        )

    # ------------------------------------------------------------ assemble messages
    def _messages(self):
        rng = self.rng
        rows = self._conversations()
        conv, sender, days, category = rows["conv"], rows["sender"], rows["days"], rows["category"]
        n_one = self.one_to_one.size
        n_groups = len(self.group_members)
        counterpart = np.full(self.n_conversations, -1)
        counterpart[:n_one] = self.one_to_one
        # drafts: the owner's unsent messages in core conversations, plus one without a conversation
        core_conv = np.flatnonzero(self.kind[self.one_to_one] == _KIND_CODE["core"])
        drafted = rng.choice(core_conv, self.n_drafts - 1, replace=core_conv.size < self.n_drafts - 1)
        newest = days.min()
        conv_last = np.full(self.n_conversations, np.inf)
        np.minimum.at(conv_last, conv, days)
        draft_days = newest + rng.random(drafted.size) * (conv_last[drafted] - newest)
        conv = np.concatenate([conv, drafted, [-1]])
        sender = np.concatenate([sender, np.zeros(self.n_drafts, np.int64)])
        days = np.concatenate([days, draft_days, [rng.uniform(1.0, 20.0)]])
        category = np.concatenate([category, np.full(self.n_drafts, _DRAFT)])
        group_slot = np.concatenate([rows["group_slot"], np.full(self.n_drafts, -1)])

        # order: conversations by their newest message, each newest first; the orphan draft on top
        order_key = np.where(conv >= 0, conv_last[np.maximum(conv, 0)], -1.0)
        order = np.lexsort((days, conv, order_key))
        conv, sender, days, category, group_slot = (
            a[order] for a in (conv, sender, days, category, group_slot)
        )
        size = conv.size
        in_conv = conv >= 0
        is_draft = category == _DRAFT
        is_group = in_conv & (conv >= n_one) & (conv < n_one + n_groups)
        is_sponsored = category == _SPONSORED
        owner = sender == 0
        other = np.where(in_conv, counterpart[np.maximum(conv, 0)], -1)
        campaign = np.zeros(size, np.int64)
        campaign[is_sponsored] = self.sponsored_campaign[conv[is_sponsored] - n_one - n_groups]

        names, urls = _text_array(self.name), _text_array(self.url)
        brands = (_SPONSOR, _SPONSOR, _SPONSOR, *_SPONSOR_BRANDS)
        person = np.maximum(sender, 0)
        from_name = pc.if_else(is_sponsored, _take(brands, campaign % len(brands)), names.take(person))
        sender_url = pc.if_else(is_sponsored, _large(""), urls.take(person))
        reader = np.where(owner, np.maximum(other, 0), 0)  # 0: the owner reads it
        group_names, group_urls = self._group_recipients()
        slot = np.maximum(group_slot, 0)
        to_name = pc.if_else(is_group, group_names.take(slot), names.take(reader))
        to_url = pc.if_else(is_group, group_urls.take(slot), urls.take(reader))
        to_name = pc.if_else(in_conv, to_name, _large(""))
        to_url = pc.if_else(in_conv, to_url, _large(""))

        sponsor_titles = ("Sponsored Conversation",) * 4 + _SPONSOR_TITLES
        title_index = np.zeros(size, np.int64)
        title_index[is_group] = 1 + conv[is_group] - n_one
        title_index[is_sponsored] = 1 + n_groups + (campaign[is_sponsored] // 7) % len(sponsor_titles)
        title = _take(("", *_group_titles(n_groups), *sponsor_titles), title_index)
        subject_index = np.where(
            is_sponsored, 2 + (campaign // 3) % len(_SPONSOR_SUBJECTS), np.where(in_conv, 0, 1)
        )
        subject = _take(("", _ORPHAN_DRAFT_SUBJECT, *_SPONSOR_SUBJECTS), subject_index)

        content = self._contents(category, sender, reader, conv, campaign)
        chatty = (category == _CHAT) | (category == _GROUP)
        empty = chatty & (rng.random(size) < 0.04)
        empty[self.confided_message] = False
        content = pc.replace_with_mask(content, empty, _large(""))
        attached = (empty & (rng.random(size) < 0.5)) | (chatty & (rng.random(size) < 0.004))
        attachment_index = np.zeros(size, np.int64)
        attachment_index[attached] = 1 + np.arange(int(attached.sum()))
        attachments = _take(("", *_attachment_urls(rng, int(attached.sum()))), attachment_index)

        folders = ("", "INBOX", "ARCHIVE", "SPAM")
        conv_folder = np.where(rng.random(self.n_conversations) < 0.12, 2, 1)
        dormant = np.flatnonzero(self.kind[self.one_to_one] == _KIND_CODE["dormant"])
        conv_folder[dormant] = np.where(rng.random(dormant.size) < 0.4, 2, 1)
        sponsored_conv = np.arange(n_one + n_groups, self.n_conversations)
        conv_folder[sponsored_conv] = 1 + rng.choice(3, sponsored_conv.size, p=[0.7, 0.25, 0.05])
        folder = _take(folders, np.where(is_draft, 0, conv_folder[np.maximum(conv, 0)]))

        ids = _conversation_ids(rng, self.n_conversations)
        ids[n_one + n_groups :] = _replace_suffix(ids[n_one + n_groups :])
        conversation_id = _take(("", *ids), conv + 1)

        return pd.DataFrame(
            {
                S.CONVERSATION_ID: _strings(conversation_id),
                S.CONVERSATION_TITLE: _strings(title),
                S.SENDER_NAME: _strings(from_name),
                S.SENDER_URL: _strings(sender_url),
                S.RECIPIENT_NAMES: _strings(to_name),
                S.RECIPIENT_URLS: _strings(to_url),
                S.SENT_AT: self._times(days, "s"),
                S.SUBJECT: _strings(subject),
                S.CONTENT: _strings(content),
                S.FOLDER: _strings(folder),
                S.ATTACHMENTS: _strings(attachments),
                S.IS_DRAFT: is_draft,
                S.IS_SPONSORED: is_sponsored,
                S.IS_GROUP: is_group,
                S.DIRECTION: _strings(_take((S.RECEIVED, S.SENT), owner.astype(np.int64))),
            }
        )

    def _group_recipients(self):
        """TO and RECIPIENT PROFILE URLS for each (group, sender) slot: the others, owner last."""
        names, urls = [], []
        for members in self.group_members:
            for sender in [0, *members.tolist()]:
                others = [p for p in members.tolist() if p != sender] + ([0] if sender != 0 else [])
                names.append(",".join(self.name[others]))
                urls.append(",".join(self.url[others]))
        return _text_array(names), _text_array(urls)

    def _contents(self, category, sender, reader, conv, campaign):
        """Message texts by category; ``reader`` is who a 1:1 message is addressed to (0: the owner)."""
        rng = self.rng
        size = category.size
        firsts = _text_array(_first_names(self.first))  # the owner's is "Sasha"
        reader_first = firsts.take(reader)
        owner_first = _OWNER_FIRST
        parts = []

        def rows_of(code):
            return np.flatnonzero(category == code)

        def pick(templates, rows, **fields):
            chosen = rng.integers(0, len(templates), rows.size)
            parts.append((rows, _fill(templates, chosen, fields)))

        def choose(options, count):
            return _take(options, rng.integers(0, len(options), count))

        rows = rows_of(_CHAT)
        k = rows.size
        # openers and closers come with their separator: a space, or a line break for some
        openers = tuple(o + sep if o else "" for sep in (" ", "\n\n") for o in _CHAT_OPENERS)
        closers = tuple(sep + c if c else "" for sep in (" ", "\n") for c in _CHAT_CLOSERS)
        broken = rng.random(k) < 0.15
        opener = rng.integers(0, len(_CHAT_OPENERS), k) + np.where(broken, len(_CHAT_OPENERS), 0)
        closer = rng.integers(0, len(_CHAT_CLOSERS), k) + np.where(broken, len(_CHAT_CLOSERS), 0)
        text = pc.binary_join_element_wise(
            _fill(openers, opener, {"first": reader_first.take(rows)}),
            choose(_CHAT_BODIES, k),
            _take(closers, closer),
            _large(""),
        )
        parts.append((rows, text))

        rows = rows_of(_LONG)
        letters = [choose(_CHAT_BODIES, rows.size) for _ in range(_LONG_BODIES)]
        greeting = _fill(("Hi {first},",), np.zeros(rows.size, np.int64), {"first": reader_first.take(rows)})
        parts.append((rows, pc.binary_join_element_wise(greeting, *letters, _large(" "))))

        rows = rows_of(_GROUP)
        parts.append((rows, choose(_GROUP_BODIES + _CHAT_BODIES, rows.size)))

        rows = rows_of(_NEW)
        mine = rows[sender[rows] == 0]
        pick(_NEW_FROM_OWNER, mine, first=reader_first.take(mine))
        theirs = rows[sender[rows] != 0]
        if self.hard:
            parts.append((theirs, everyday_notes(self.rng, _text_array([owner_first] * theirs.size))))
        else:
            pick(_NEW_FROM_CONTACT, theirs, owner=owner_first)

        rows = rows_of(_PITCH)
        k = rows.size
        if self.hard:
            # three campaigns, each one text sent by many pitchers who sign it with their own name
            campaigns = tuple(
                p.replace("{industry}", _PITCH_INDUSTRIES[c])
                .replace("{outcome}", _PITCH_OUTCOMES[c])
                .replace("{tail}", "")
                .replace("{owner}, I", "{owner}, " + _SIGNED_PITCH + "I", 1)
                .replace("{owner}! I", "{owner}! " + _SIGNED_PITCH + "I", 1)
                .replace("{owner},\n\nI", "{owner},\n\n" + _SIGNED_PITCH + "I", 1)
                for c, p in enumerate(_PITCHES)
            )
            pick(campaigns, rows, owner=owner_first, me=firsts.take(sender[rows]))
        else:
            pick(
                _PITCHES,
                rows,
                owner=owner_first,
                industry=choose(_PITCH_INDUSTRIES, k),
                outcome=choose(_PITCH_OUTCOMES, k),
                tail=choose(_PITCH_TAILS, k),
            )
        pick(_PITCH_FOLLOW_UPS, rows_of(_FOLLOW_UP), owner=owner_first)

        rows = rows_of(_OUTREACH_FIRST)
        tails = tuple(t.format(owner=owner_first) for t in _OUTREACH_TAILS)
        pick(_OUTREACH, rows, first=reader_first.take(rows), tail=choose(tails, rows.size))
        rows = rows_of(_OUTREACH_FOLLOW)
        pick(_OUTREACH_FOLLOW_UPS, rows, first=reader_first.take(rows))

        rows = rows_of(_DRAFT)
        addressee = pc.if_else(conv[rows] >= 0, reader_first.take(rows), _large("there"))
        pick(_DRAFTS, rows, first=addressee)

        rows = rows_of(_SPONSORED)
        bodies = tuple(
            style + "Hi %FIRSTNAME%," + ("</p>" + _SPIN if style == _SPIN else " ") + offer + "</p>"
            for offer in _SPONSOR_OFFERS
            for style in (_SPIN, _OLD_INMAIL)
        )
        c = campaign[rows]
        parts.append((rows, _take(bodies, 2 * (c % len(_SPONSOR_OFFERS)) + ((c // 11) % 10 == 0))))
        content = _scatter(size, parts)

        # confidences: one message from each of a few core and occasional contacts
        chatters = np.flatnonzero(
            np.isin(self.kind, [_KIND_CODE["core"], _KIND_CODE["occasional"]]) & ~self.long_writer
        )
        n_confided = max(2, round(0.01 * self.n_contacts))
        self.confided = np.zeros(self.kind.size, dtype=bool)
        self.confided[rng.choice(chatters, n_confided, replace=False)] = True
        candidates = np.flatnonzero((category == _CHAT) & (sender > 0) & self.confided[np.maximum(sender, 0)])
        shuffled = rng.permutation(candidates)
        chosen = np.sort(shuffled[np.unique(sender[shuffled], return_index=True)[1]])
        self.confided_message = chosen
        mask = np.zeros(size, dtype=bool)
        mask[chosen] = True
        return pc.replace_with_mask(content, mask, choose(_CONFIDED, chosen.size))

    # ------------------------------------------------------------ connections and invitations
    def _connections(self):
        rng = self.rng
        linked = np.flatnonzero(~np.isnan(self.connected))
        n_hidden = max(2, round(0.01 * self.n_contacts))
        hidden_days = rng.uniform(66.0, self.window, n_hidden)
        k = linked.size
        first = _pad(rng, self.first[linked], 0.05)
        last = _pad(rng, self.last[linked], 0.04)
        company = _pad(rng, self.company[linked], 0.05)
        position = _pad(rng, self.position[linked], 0.05)
        email = np.full(k, "", dtype=object)
        pick = rng.permutation(np.flatnonzero(~self.special[linked]))
        n_urn = max(3, round(0.008 * k))
        email[pick[:n_urn]] = "urn:li:member:" + rng.integers(10_000_000, 999_999_999, n_urn).astype(
            str
        ).astype(object)
        mailers = pick[n_urn : n_urn + 2]
        email[mailers] = (
            _ascii_local(self.first[linked[mailers]], self.last[linked[mailers]]) + "@example.org"
        )
        blank = np.full(n_hidden, "", dtype=object)
        days = np.concatenate([self.connected[linked], hidden_days])
        frame = pd.DataFrame(
            {
                S.CONTACT_ID: pd.array(
                    np.concatenate([self.contact_id[linked], np.full(n_hidden, None, dtype=object)]),
                    dtype=S.STRING,
                ),
                S.FIRST_NAME: _strings(np.concatenate([first, blank])),
                S.LAST_NAME: _strings(np.concatenate([last, blank])),
                S.PROFILE_URL: _strings(np.concatenate([self.url[linked], blank])),
                S.EMAIL: _strings(np.concatenate([email, blank])),
                S.COMPANY: _strings(np.concatenate([company, blank])),
                S.POSITION: _strings(np.concatenate([position, blank])),
                S.CONNECTED_ON: self._times(days, "m", naive=True),
            }
        )
        order = np.lexsort((np.arange(len(frame)), days))
        return frame.iloc[order].reset_index(drop=True)

    def _invitations(self):
        rng, kind = self.rng, self.kind
        horizon = 200.0  # only the last six or seven months of invitations are exported
        people, days, outgoing, note = [], [], [], []

        def add(rows, when, out, kinds):
            people.append(rows)
            days.append(when)
            outgoing.append(out)
            note.append(kinds)

        linked = np.flatnonzero(~np.isnan(self.connected) & (self.connected <= horizon))
        sent = self.connected[linked] + rng.uniform(1 / 24, 7.0, linked.size)
        keep = (sent <= horizon) & (rng.random(linked.size) < 0.9)
        linked, sent = linked[keep], sent[keep]
        k = kind[linked]
        out = np.where(
            k == _KIND_CODE["one_way_outbound"],
            True,
            np.where(
                k == _KIND_CODE["one_way_inbound"],
                False,
                rng.random(linked.size) < np.where(k == _KIND_CODE["silent"], 0.35, 0.5),
            ),
        )
        notes = np.where(
            out,
            rng.choice(3, linked.size, p=[0.4, 0.25, 0.35]),
            rng.choice(3, linked.size, p=[0.7, 0.15, 0.15]),
        )
        notes = np.where(k == _KIND_CODE["one_way_outbound"], rng.choice(2, linked.size, p=[0.3, 0.7]), notes)
        notes = np.where(k == _KIND_CODE["one_way_inbound"], rng.choice(2, linked.size, p=[0.3, 0.7]), notes)
        add(linked, sent, out, notes)

        strangers = np.flatnonzero(kind == -2)
        out = rng.random(strangers.size) < 0.4
        out[:2] = [True, False]
        notes = np.where(
            out,
            rng.choice(3, strangers.size, p=[0.4, 0.2, 0.4]),
            rng.choice(3, strangers.size, p=[0.4, 0.5, 0.1]),
        )
        add(strangers, rng.uniform(1.0, horizon, strangers.size), out, notes)

        pitchers = np.flatnonzero((kind == _KIND_CODE["one_way_inbound"]) & np.isnan(self.connected))
        pitchers = pitchers[(self.first_msg[pitchers] + 5 <= horizon) & (rng.random(pitchers.size) < 0.4)]
        add(
            pitchers,
            self.first_msg[pitchers] + rng.uniform(0.5, 5.0, pitchers.size),
            np.zeros(pitchers.size, bool),
            np.ones(pitchers.size, np.int64),
        )

        person = np.concatenate(people)
        when = np.concatenate(days)
        is_out = np.concatenate(outgoing)
        kinds = np.asarray(S.NOTE_KINDS, dtype=object)[np.concatenate(note)]
        reader_first = _text_array(_first_names(self.first)).take(np.where(is_out, person, 0))
        generic = np.flatnonzero(kinds == S.NOTE_GENERIC)
        personal = np.flatnonzero(kinds == S.NOTE_PERSONAL)
        k = personal.size

        def choose(options, count):
            return _take(options, rng.integers(0, len(options), count))

        generic_text = _fill(
            _GENERIC_NOTES,
            rng.integers(0, len(_GENERIC_NOTES), generic.size),
            {"first": reader_first.take(generic)},
        )
        if self.hard:
            sent = generic[is_out[generic]]
            template = _fill(
                (_TEMPLATE_NOTE,), np.zeros(sent.size, np.int64), {"first": reader_first.take(sent)}
            )
            generic_text = pc.replace_with_mask(generic_text, is_out[generic], template)
            personal_text = everyday_notes(self.rng, reader_first.take(personal))
        else:
            pieces = [
                _fill((part,), np.zeros(k, np.int64), {"first": reader_first.take(personal)})
                if isinstance(part, str)
                else choose(part, k)
                for part in _PERSONAL_NOTE_PARTS
            ]
            personal_text = pc.binary_join_element_wise(*pieces, _large(" "))
        message = _scatter(person.size, [(generic, generic_text), (personal, personal_text)])
        order = np.lexsort((person, when))
        return pd.DataFrame(
            {
                S.CONTACT_ID: _strings(self.contact_id[person][order]),
                S.NAME: _strings(self.name[person][order]),
                S.PROFILE_URL: _strings(self.url[person][order]),
                S.DIRECTION: _strings(np.where(is_out, S.OUTGOING, S.INCOMING).astype(object)[order]),
                S.SENT_AT: self._times(when[order], "m", naive=True),
                S.MESSAGE: _strings(message.take(order)),
                S.NOTE_KIND: _strings(kinds[order]),
            }
        )

    # ------------------------------------------------------------ frames
    def _times(self, days, unit, naive=False):
        """Timestamps ``days`` before the end, floored to seconds or minutes."""
        step = {"s": 1_000_000_000, "m": 60_000_000_000}[unit]
        ns = self.as_of.value - np.rint(np.asarray(days) * 86_400e9).astype(np.int64)
        ns = ns // step * step
        times = pd.to_datetime(ns, unit="ns", utc=True)
        return pd.Series(times.tz_localize(None) if naive else times).astype(
            S.NAIVE_TIME if naive else S.UTC_TIME
        )

    def build(self) -> SampleExport:
        """Run every step in order (each draws from the one generator) and assemble the frames."""
        self._people()
        self.contact_id = contact_ids(normalise_profile_urls(pd.Series(self.url, dtype="string"))).to_numpy(
            dtype=object
        )
        self._timelines()
        self._volumes()
        messages = self._messages()
        connections = self._connections()
        invitations = self._invitations()
        role = np.where(
            self.kind == -1, "owner", np.where(self.kind == -2, "invitation_only", "contact")
        ).astype(object)
        kind_names = np.array(S.SEGMENTS, dtype=object)
        planted_kind = np.where(self.kind >= 0, kind_names[np.maximum(self.kind, 0)], None)
        is_connection = ~np.isnan(self.connected)
        people = pd.DataFrame(
            {
                S.CONTACT_ID: _strings(self.contact_id),
                S.NAME: _strings(self.name),
                S.FIRST_NAME: _strings(self.first),
                S.LAST_NAME: _strings(self.last),
                S.PROFILE_URL: _strings(self.url),
                S.COMPANY: _strings(self.company),
                S.POSITION: _strings(self.position),
                S.ROLE: _strings(role),
                S.PLANTED_KIND: pd.array(planted_kind, dtype=S.STRING),
                S.IS_CONNECTION: is_connection,
                S.CONNECTED_ON: self._times(
                    np.where(is_connection, self.connected, 0.0), "m", naive=True
                ).where(is_connection),
            }
        )
        contacts = people[people[S.ROLE] == "contact"]
        rows = contacts.index.to_numpy()
        planted = pd.DataFrame(
            {
                S.CONTACT_ID: contacts[S.CONTACT_ID],
                S.NAME: contacts[S.NAME],
                S.PLANTED_KIND: contacts[S.PLANTED_KIND],
                S.IS_CONNECTION: contacts[S.IS_CONNECTION],
                S.IS_PITCHER: self.kind[rows] == _KIND_CODE["one_way_inbound"],
                S.IS_OWNER_UNANSWERED_OUTREACH: self.kind[rows] == _KIND_CODE["one_way_outbound"],
                S.CONFIDED: self.confided[rows],
                S.INVITATION_NOTE_KIND: _latest_note_kinds(invitations)
                .reindex(contacts[S.CONTACT_ID])
                .to_numpy(),
            }
        )
        planted = S.conform(planted.sort_values(S.CONTACT_ID, kind="stable"), S.PLANTED_COLUMNS)
        profile = pd.DataFrame([{column: _OWNER_PROFILE.get(column, "") for column in _PROFILE_15}]).astype(
            S.STRING
        )
        profile["First Name"] = _OWNER_FIRST
        profile["Last Name"] = _OWNER_LAST
        return SampleExport(
            people=people,
            connections=connections,
            messages=messages,
            invitations=invitations,
            profile=profile.astype(S.STRING),
            planted=planted,
            owner_name=str(self.name[0]),
            owner_url=str(self.url[0]),
            as_of=self.as_of,
            long_writers=tuple(sorted(self.contact_id[self.long_writer].tolist())),
        )


def everyday_notes(rng: np.random.Generator, first) -> pa.Array:
    """Notes written one by one, one for each ``first`` name, that share everyday phrases.

    Each note greets the person, says it was great to meet (six everyday
    wordings), where (16 events, 16 cities), what they said (12 x 20
    openings and topics) and how it struck (12), adds a remembered detail
    (20 x 16 x 16) and ends with one of five everyday wishes to stay in touch:
    honest notes that a phrase-counting template detector mistakes for
    templates.

    Examples
    --------
    >>> notes = everyday_notes(np.random.default_rng(0), ["Ann", "Bo"])
    >>> [note.split(",")[0] for note in notes.to_pylist()]
    ['Dear Ann', 'Hey Bo']
    """
    first = first if isinstance(first, pa.Array) else _text_array(first)
    k = len(first)
    pieces = [
        _fill((part,), np.zeros(k, np.int64), {"first": first})
        if isinstance(part, str)
        else _take(part, rng.integers(0, len(part), k))
        for part in _EVERYDAY_NOTE_PARTS
    ]
    return pc.binary_join_element_wise(*pieces, _large(" "))


def _latest_note_kinds(invitations: pd.DataFrame) -> pd.Series:
    """The planted note kind of each person's latest invitation, by contact id."""
    latest = invitations.sort_values(S.SENT_AT, kind="stable").drop_duplicates(S.CONTACT_ID, keep="last")
    return pd.Series(latest[S.NOTE_KIND].to_numpy(), index=latest[S.CONTACT_ID].to_numpy())


# ---------------------------------------------------------------- vectorised helpers
def _strings(values) -> pd.Series:
    """A Series of the schema's string dtype from an Arrow or object array (no copy for Arrow)."""
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = pa.array(values, pa.large_string())
    return pd.Series(pd.array(values, dtype=S.STRING))


def _text_array(values) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object), pa.large_string())


def _take(options, indices) -> pa.Array:
    """``options[indices]`` as an Arrow string array: how every repeated text is built."""
    return _text_array(options).take(pa.array(np.asarray(indices, dtype=np.int64)))


def _scatter(size: int, parts: list[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """Assemble an array of ``size`` strings from disjoint (rows, values) parts; other rows are empty."""
    rows = [np.asarray(r, dtype=np.int64) for r, _ in parts]
    values = [v.cast(pa.large_string()) for _, v in parts]
    covered = np.zeros(size, dtype=bool)
    for r in rows:
        covered[r] = True
    rest = np.flatnonzero(~covered)
    rows.append(rest)
    values.append(_take(("",), np.zeros(rest.size, np.int64)))
    inverse = np.argsort(np.concatenate(rows), kind="stable")
    return pa.concat_arrays(values).take(pa.array(inverse))


def _largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Split the integer ``total`` in proportion to ``weights`` (sums exactly to ``total``)."""
    total = max(int(total), 0)
    if weights.size == 0:
        return np.zeros(0, np.int64)
    raw = weights / weights.sum() * total
    out = np.floor(raw).astype(np.int64)
    out[np.argsort(-(raw - out), kind="stable")[: total - out.sum()]] += 1
    return out


def _hex(rng: np.random.Generator, count: int, width: int) -> np.ndarray:
    """``count`` random lowercase hex strings of ``width`` characters (object array)."""
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[rng.integers(0, 16, (count, width))]
    return np.ascontiguousarray(digits).view(f"S{width}").ravel().astype(str).astype(object)


def _conversation_ids(rng: np.random.Generator, count: int) -> np.ndarray:
    """LinkedIn-style ids: ``2-`` + base64 of a 36-character uuid text + ``_100``."""
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[rng.integers(0, 16, (count, 32))]
    text = np.full((count, 36), ord("-"), dtype=np.uint8)
    text[:, [*range(8), *range(9, 13), *range(14, 18), *range(19, 23), *range(24, 36)]] = digits
    encoded = np.frombuffer(base64.b64encode(text.tobytes()), dtype="S48").astype(str).astype(object)
    return "2-" + encoded + base64.b64encode(b"_100").decode()


def _replace_suffix(ids: np.ndarray) -> np.ndarray:
    """Sponsored conversations end in ``_010`` instead of ``_100``."""
    return (
        pd.Series(ids, dtype="string")
        .str.slice(0, -8)
        .add(base64.b64encode(b"_010").decode())
        .to_numpy(dtype=object)
    )


def _attachment_urls(rng: np.random.Generator, count: int) -> np.ndarray:
    urls = (
        "https://www.linkedin.com/dms/prv/vid/v2/D4E06AQ"
        + _hex(rng, count, 16)
        + "/messaging-attachmentFile/0?m=AQ"
        + _hex(rng, count, 20)
        + "&t="
        + _hex(rng, count, 10)
    )
    two = rng.random(count) < 0.2
    second = (
        "https://www.linkedin.com/dms/prv/vid/v2/D4E06AQ"
        + _hex(rng, int(two.sum()), 16)
        + "/messaging-attachmentFile/1"
    )
    urls[two] = urls[two] + "," + second
    return urls


def _fill(templates: tuple[str, ...], choice: np.ndarray, fields: dict) -> pa.Array:
    """Fill ``{name}`` placeholders: row ``i`` uses ``templates[choice[i]]``.

    ``fields`` maps a placeholder to an Arrow array aligned with the rows, or
    to one string for every row.  The loop runs over templates, not rows.
    """
    parts = []
    for index, template in enumerate(templates):
        rows = np.flatnonzero(choice == index)
        if rows.size == 0:
            continue
        pieces = []
        for literal, field, _, _ in string.Formatter().parse(template):
            if literal:
                pieces.append(_large(literal))
            if field is not None:
                value = fields[field]
                pieces.append(_large(value) if isinstance(value, str) else value.take(pa.array(rows)))
        if any(isinstance(piece, pa.Array) for piece in pieces):
            text = pc.binary_join_element_wise(*pieces, _large(""))
        else:
            # every field is one string for all rows: fill the template once
            text = _take((template.format(**fields),), np.zeros(rows.size, np.int64))
        parts.append((rows, text))
    return _scatter(np.asarray(choice).size, parts)


def _first_names(first: np.ndarray) -> np.ndarray:
    """How people address each other: the first word of the first name."""
    return pd.Series(first, dtype="string").str.split(" ").str[0].to_numpy(dtype=object)


def _pad(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    """Add the stray spaces real exports carry to a ``share`` of the non-empty values (at least one)."""
    out = values.copy()
    hit = (rng.random(values.size) < share) & (values != "")
    if not hit.any() and (values != "").any():  # small samples must still hold the quirk
        hit[np.flatnonzero(values != "")[0]] = True
    where = rng.integers(0, 3, values.size)
    out[hit & (where == 0)] = " " + out[hit & (where == 0)]
    out[hit & (where == 1)] = out[hit & (where == 1)] + " "
    out[hit & (where == 2)] = "  " + out[hit & (where == 2)] + " "
    return out


def _ascii_local(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    text = pd.Series(first + "." + last, dtype="string").str.normalize("NFKD").str.lower()
    return text.str.replace(r"[^a-z.]+", "", regex=True).to_numpy(dtype=object)


def _group_titles(n_groups: int) -> np.ndarray:
    titles = [
        _GROUP_TITLES[g % len(_GROUP_TITLES)]
        + ("" if g < len(_GROUP_TITLES) else f" {g // len(_GROUP_TITLES) + 1}")
        for g in range(n_groups)
    ]
    return np.array(titles, dtype=object)


def _schedule(rng, n, first, last, sessions, anchored):
    """Message times (days before the end), oldest first within each conversation.

    Conversation ``c`` holds ``n[c]`` messages in ``sessions[c]`` bursts: the
    first burst starts ``first[c]`` days before the end, the last one
    ``last[c]`` days before, the others in between.  Inside a burst replies
    follow within hours.  An ``anchored`` conversation ends with four
    two-message bursts 40 days apart (so its exchanges span four calendar
    months), its other bursts at least 130 days before ``last``.
    """
    n = np.asarray(n, np.int64)
    sessions = np.asarray(sessions, np.int64)
    total = int(n.sum())
    conv = np.repeat(np.arange(n.size), n)
    start = np.cumsum(n) - n
    pos = np.arange(total) - start[conv]
    # choose the messages that open a burst: the first always, anchors forced, the rest at random
    key = rng.random(total)
    from_end = n[conv] - pos  # 1 for the newest message
    tail = anchored[conv] & (from_end <= 8)
    key[tail] = np.where(from_end[tail] % 2 == 0, 2.0, -1.0)
    key[pos == 0] = 3.0
    order = np.lexsort((-key, conv))
    rank = np.empty(total, np.int64)
    rank[order] = np.arange(total) - start[conv[order]]
    opens = rank < sessions[conv]
    burst = np.cumsum(opens) - 1
    burst_conv = conv[opens]
    local = np.arange(burst_conv.size) - (np.cumsum(sessions) - sessions)[burst_conv]
    count = sessions[burst_conv]
    hi = first[burst_conv]
    lo = last[burst_conv] + np.where(anchored[burst_conv], 130.0, 0.0)
    when = lo + rng.random(burst_conv.size) * (hi - lo)
    when = np.where(local == 0, hi, when)
    back = count - 1 - local  # 0 for the newest burst
    when = np.where(anchored[burst_conv] & (back < 4), last[burst_conv] + 40.0 * back, when)
    when = np.where(~anchored[burst_conv] & (back == 0), last[burst_conv], when)
    when = when[np.lexsort((-when, burst_conv))]
    gap = np.minimum(rng.exponential(1.5, total), 12.0) / 24.0
    gap[opens] = 0.0
    elapsed = np.cumsum(gap)
    elapsed -= elapsed[opens][burst]
    days = np.maximum(when[burst] - elapsed, 0.01)
    order = np.lexsort((-days, conv))
    return conv, days[order]


def _interleave(rng, n_owner, n_contact):
    """Who writes each message (True: the owner), oldest first, spreading each side evenly."""
    n_owner = np.asarray(n_owner, np.int64)
    n_contact = np.asarray(n_contact, np.int64)
    conv = np.concatenate(
        [np.repeat(np.arange(n_owner.size), n_owner), np.repeat(np.arange(n_contact.size), n_contact)]
    )
    owner = np.concatenate([np.ones(n_owner.sum(), bool), np.zeros(n_contact.sum(), bool)])
    counts = np.where(owner, n_owner[conv], n_contact[conv])
    starts = np.where(owner, (np.cumsum(n_owner) - n_owner)[conv], (np.cumsum(n_contact) - n_contact)[conv])
    index = np.arange(conv.size) - np.where(owner, 0, n_owner.sum()) - starts
    position = (index + 0.5) / counts
    owner_first = rng.random(n_owner.size) < 0.5
    tie = np.where(owner == owner_first[conv], 0, 1)
    return owner[np.lexsort((tie, position, conv))]


# ================================================================ writing
def write_export(sample: SampleExport, out_dir, era: str = "2026-03") -> pathlib.Path:
    """Write ``sample`` as the files of a LinkedIn export of the given era.

    Parameters
    ----------
    sample : SampleExport
        From :func:`generate_sample`.
    out_dir : str or path-like
        Directory to write into (created if missing).  Files of the same names
        are replaced.
    era : str, default "2026-03"
        One of ``"2018-11", "2022-09", "2023-04", "2024-12", "2025-08",
        "2026-03"``: the header, quoting and date formats of that export.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Raises
    ------
    ParameterError
        If the era is unknown, or ``out_dir`` already holds a file that differs
        from one of ours only in case, space or underscore (the export would
        become ambiguous).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_export(generate_sample(contacts=50), tmp, era="2018-11")
    ...     print(sorted(p.name for p in out.iterdir()))
    ...     print((out / "Messages.csv").read_text(encoding="utf-8").splitlines()[0])
    ['Connections.csv', 'Invitations.csv', 'Messages.csv', 'Profile.csv']
    From,To,Date,Subject,Content,Direction,Folder
    """
    if era not in _ERA_FORMATS:
        raise ParameterError(
            "unknown export era", expected="one of " + ", ".join(ERAS), fix="pass era='2026-03'"
        )
    fmt = _ERA_FORMATS[era]
    out = pathlib.Path(out_dir)
    names = ("Connections.csv", fmt.messages_file, "Invitations.csv", "Profile.csv")
    _refuse_lookalikes(out, names)
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(
        out / "Connections.csv",
        fmt.connections,
        _connection_cells(sample.connections, fmt),
        preamble=CONNECTIONS_PREAMBLE if fmt.preamble else "",
        final_newline=False,
    )
    _write_csv(
        out / fmt.messages_file,
        fmt.messages,
        _message_cells(sample, fmt),
        quote_all=fmt.quote_all_messages,
    )
    _write_csv(out / "Invitations.csv", fmt.invitations, _invitation_cells(sample, fmt))
    profile = {
        column: pa.array(sample.profile[column].to_numpy(dtype=object), pa.string()) for column in fmt.profile
    }
    _write_csv(out / "Profile.csv", fmt.profile, profile)
    return out


def write_sample(
    out_dir,
    contacts: int = 500,
    messages: int | None = None,
    seed: int = 0,
    era: str = "2026-03",
    hard_cases: bool = False,
) -> pathlib.Path:
    """Generate a synthetic export and write it, with its ground truth, to ``out_dir``.

    The ground truth goes to ``netstats_planted.csv`` next to the export files
    (the loader ignores files it does not know): one row per planted contact,
    columns :data:`netstats.schema.PLANTED_COLUMNS`.

    Parameters
    ----------
    out_dir : str or path-like
    contacts, messages, seed, hard_cases
        See :func:`generate_sample`.
    era : str, default "2026-03"
        See :func:`write_export`.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_sample(tmp, contacts=50, seed=3)
    ...     print(sorted(p.name for p in out.iterdir()))
    ['Connections.csv', 'Invitations.csv', 'Profile.csv', 'messages.csv', 'netstats_planted.csv']
    """
    if era not in _ERA_FORMATS:
        raise ParameterError(
            "unknown export era", expected="one of " + ", ".join(ERAS), fix="pass era='2026-03'"
        )
    sample = generate_sample(contacts=contacts, messages=messages, seed=seed, hard_cases=hard_cases)
    out = write_export(sample, out_dir, era=era)
    planted = sample.planted
    cells = {
        column: pa.array(
            planted[column].astype(str).to_numpy(dtype=object)
            if planted[column].dtype == bool
            else planted[column].to_numpy(dtype=object, na_value=None),
            pa.string(),
        )
        for column in S.PLANTED_COLUMNS
    }
    _write_csv(out / PLANTED_FILE, S.PLANTED_COLUMNS, cells)
    return out


def _refuse_lookalikes(out: pathlib.Path, names: tuple[str, ...]) -> None:
    if not out.is_dir():
        return

    def key(name):
        return name.casefold().replace(" ", "_")

    ours = {key(n): n for n in names}
    for existing in sorted(p.name for p in out.iterdir()):
        mine = ours.get(key(existing))
        if mine is not None and mine != existing:
            raise ParameterError(
                f"the folder already holds {existing}, which a loader would confuse with {mine}",
                file=str(out),
                expected="an empty folder, or one written for the same era",
                fix="write each era into its own folder",
            )


def _connection_cells(connections: pd.DataFrame, fmt: _Era) -> dict[str, pa.Array]:
    urls = connections[S.PROFILE_URL].to_numpy(dtype=object)
    non_ascii = pd.Series(urls, dtype="string").str.contains(r"[^\x00-\x7f]", regex=True).to_numpy(dtype=bool)
    encoded = urls.copy()
    encoded[non_ascii] = [_PROFILE_BASE + quote(u[len(_PROFILE_BASE) :], safe="") for u in urls[non_ascii]]
    when = connections[S.CONNECTED_ON]
    cells = {
        "First Name": connections[S.FIRST_NAME],
        "Last Name": connections[S.LAST_NAME],
        "URL": encoded,
        "Email Address": connections[S.EMAIL],
        "Company": connections[S.COMPANY],
        "Position": connections[S.POSITION],
        "Connected On": _us_short(when)
        if fmt.us_dates
        else pc.strftime(_arrow_times(when), format="%d %b %Y"),
    }
    return {name: _arrow_cells(cells[name]) for name in fmt.connections}


def _message_cells(sample: SampleExport, fmt: _Era) -> dict[str, pa.Array]:
    m = sample.messages
    content = _arrow_cells(m[S.CONTENT])
    if not fmt.newlines_in_content:  # older exports collapsed line breaks
        broken = pc.match_substring(content, "\n")
        if pc.any(broken).as_py():
            joined = pc.replace_substring_regex(pc.filter(content, broken), r"\s*\n\s*", " ")
            content = pc.replace_with_mask(content, broken, joined)
    folder = _arrow_cells(m[S.FOLDER])
    draft = m[S.IS_DRAFT].to_numpy()
    sent = (m[S.DIRECTION] == S.SENT).to_numpy(dtype=bool)
    if fmt.messages == _MESSAGES_2018:
        legacy = np.where(m[S.FOLDER].to_numpy(dtype=object) == "ARCHIVE", "ARCHIVED", "INBOX")
        legacy = np.where(sent, "SENT", legacy)
        cells = {
            "From": m[S.SENDER_NAME],
            "To": m[S.RECIPIENT_NAMES],
            "Date": _us_short(m[S.SENT_AT].dt.tz_localize(None)),
            "Subject": m[S.SUBJECT],
            "Content": content,
            "Direction": np.where(sent, "OUTGOING", "INCOMING").astype(object),
            "Folder": np.where(draft, "", legacy).astype(object),
        }
    else:
        cells = {
            "CONVERSATION ID": m[S.CONVERSATION_ID],
            "CONVERSATION TITLE": m[S.CONVERSATION_TITLE],
            "FROM": m[S.SENDER_NAME],
            "SENDER PROFILE URL": m[S.SENDER_URL],
            "TO": m[S.RECIPIENT_NAMES],
            "RECIPIENT PROFILE URLS": m[S.RECIPIENT_URLS],
            "DATE": _utc_text(m[S.SENT_AT]),
            "SUBJECT": m[S.SUBJECT],
            "CONTENT": content,
            "FOLDER": folder,
            "ATTACHMENTS": m[S.ATTACHMENTS],
            "IS MESSAGE DRAFT": np.where(draft, "Yes", "No").astype(object),
            "IS CONVERSATION DRAFT": np.full(len(m), "No", dtype=object),
        }
    return {name: _arrow_cells(cells[name]) for name in fmt.messages}


def _invitation_cells(sample: SampleExport, fmt: _Era) -> dict[str, pa.Array]:
    inv = sample.invitations
    out = (inv[S.DIRECTION] == S.OUTGOING).to_numpy(dtype=bool)
    name = inv[S.NAME].to_numpy(dtype=object)
    url = inv[S.PROFILE_URL].to_numpy(dtype=object)
    cells = {
        "From": np.where(out, sample.owner_name, name).astype(object),
        "To": np.where(out, name, sample.owner_name).astype(object),
        "Sent At": _us_short(inv[S.SENT_AT]),
        "Message": inv[S.MESSAGE],
        "Direction": np.where(out, "OUTGOING", "INCOMING").astype(object),
        "inviterProfileUrl": np.where(out, sample.owner_url, url).astype(object),
        "inviteeProfileUrl": np.where(out, url, sample.owner_url).astype(object),
    }
    return {column: _arrow_cells(cells[column]) for column in fmt.invitations}


def _arrow_cells(values) -> pa.Array:
    """Text for the CSV writer as one large_string array: a missing value is an empty cell."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        array = values
    elif isinstance(values, pd.Series):
        array = pa.array(values)
    else:
        array = pa.array(values, pa.string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return pc.fill_null(array.cast(pa.large_string()), "")


def _arrow_times(times: pd.Series) -> pa.Array:
    return pa.array(times.to_numpy(dtype="datetime64[s]"), pa.timestamp("s"))


def _us_short(times: pd.Series) -> pa.Array:
    """US short dates as LinkedIn writes them: ``3/7/26, 1:07 PM`` (no padding, no zone)."""
    t = pd.DatetimeIndex(times)

    def text(values, width=1):
        return pc.utf8_lpad(
            pa.array(np.asarray(values, np.int64)).cast(pa.string()), width=width, padding="0"
        )

    hour = np.asarray(t.hour)
    return pc.binary_join_element_wise(
        text(t.month),
        "/",
        text(t.day),
        "/",
        text(np.asarray(t.year) % 100, 2),
        ", ",
        text((hour + 11) % 12 + 1),
        ":",
        text(t.minute, 2),
        pa.array(np.where(hour < 12, " AM", " PM")),
        "",
    )


def _utc_text(times: pd.Series) -> pa.Array:
    """``2025-12-18 03:55:53 UTC`` for every time, written straight into a fixed-width buffer."""
    t = pd.DatetimeIndex(times).tz_convert("UTC")
    layout = b"0000-00-00 00:00:00 UTC"
    out = np.tile(np.frombuffer(layout, np.uint8), (len(t), 1))
    fields = (
        (0, 4, t.year),
        (5, 2, t.month),
        (8, 2, t.day),
        (11, 2, t.hour),
        (14, 2, t.minute),
        (17, 2, t.second),
    )
    for start, width, values in fields:
        values = np.asarray(values, np.int64)
        for digit in range(width):
            out[:, start + width - 1 - digit] = 48 + (values // 10**digit) % 10
    offsets = np.arange(len(t) + 1, dtype=np.int64) * len(layout)
    return pa.LargeStringArray.from_buffers(len(t), pa.py_buffer(offsets), pa.py_buffer(out))


def _write_csv(
    path: pathlib.Path,
    header: tuple[str, ...],
    cells: dict[str, pa.Array],
    *,
    preamble: str = "",
    quote_all: bool = False,
    final_newline: bool = True,
) -> None:
    """Write RFC-4180 CSV like LinkedIn: LF line ends, UTF-8 without BOM, minimal or full quoting."""
    head = ",".join(f'"{name}"' if quote_all else name for name in header)
    columns = [_arrow_cells(cells[name]) for name in header]
    with open(path, "wb") as handle:
        handle.write((preamble + head + "\n").encode("utf-8"))
        if quote_all:  # pyarrow's writer quotes every non-null value, which is every value here
            table = pa.table(columns, names=[f"c{i}" for i in range(len(columns))])
            pacsv.write_csv(
                table, handle, pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
            )
            return
        lines = pc.binary_join_element_wise(*[_quote(c) for c in columns], _large(","))
        body = _concatenated(pc.binary_join_element_wise(lines, _large(""), _large("\n")))
        handle.write(body if final_newline or not body else body[:-1])


def _quote(values: pa.Array) -> pa.Array:
    """Quote only the values that need it (a comma, a quote or a line break), doubling inner quotes."""
    needs = pc.match_substring_regex(values, '[,"\r\n]')
    if not pc.any(needs).as_py():
        return values
    subset = pc.filter(values, needs)
    escaped = pc.binary_join_element_wise(
        _large('"'), pc.replace_substring(subset, '"', '""'), _large('"'), _large("")
    )
    return pc.replace_with_mask(values, needs, escaped)


def _large(text: str) -> pa.Scalar:
    return pa.scalar(text, pa.large_string())


def _concatenated(lines: pa.Array) -> memoryview:
    """The bytes of every string of ``lines`` back to back, without copying them one by one."""
    lines = lines.cast(pa.large_string())
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    if len(lines) == 0:
        return memoryview(b"")
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[int(offsets[0]) : int(offsets[-1])]
