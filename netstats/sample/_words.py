"""The words of the invented world: the owner, names, companies, message and note texts.

Declarative tables only, shared by every platform's sample (:mod:`._linkedin` and the modules
:mod:`._platforms` calls); the generators pick from them with the one random generator.
"""

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
