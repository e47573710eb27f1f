"""Sample: synthetic exports with planted truth, beside the flow (used by tests and notebooks).

One generator run invents a world of people, plants known behaviours in it, and writes each
platform's files byte for byte as the platform does, with the planted truth beside them so that
tests can compare what the analysis finds with what was planted.  Nothing in the flow imports
this package.

LinkedIn (:func:`._linkedin.generate_sample`, :func:`._linkedin.write_sample`):

* :mod:`._people` the cast (owner, contacts of each planted kind, strangers; their timelines)
  and the planted truth (``netstats_planted.csv``);
* :mod:`._linkedin_plan` who writes how many messages, in which conversation, when;
* :mod:`._linkedin_messages` the messages' rows and texts (and the planted confidences);
* :mod:`._linkedin` the public API, connections and invitations;
* :mod:`._linkedin_csv` the files of each export era.

The same people on the other platforms (:func:`._platforms.generate_platform_sample`,
:func:`._platforms.write_platform_sample`):

* :mod:`._world` everyone (family, friends, namesakes, ...), who is where, and the identity truth
  (``netstats_identity.csv``); :mod:`._identities` their phones, addresses, names and handles;
* one module per platform: :mod:`._meta` (Facebook, Messenger, Instagram), :mod:`._x`,
  :mod:`._whatsapp`, :mod:`._addressbook` (Google Contacts, vCard), :mod:`._mbox`;
* :mod:`._history` the earlier LinkedIn export and the history truth (``netstats_history.csv``).

Shared by both: :mod:`._words` (names, companies, message texts) and :mod:`._arrays` (Arrow
text helpers).
"""
