window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "2893417245-1336838632832354112",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [
              {
                "senderId" : "2893417245",
                "reactionKey" : "like",
                "eventId" : "2106385983993363085",
                "createdAt" : "2026-10-03T14:08:48.000Z"
              }
            ],
            "urls" : [],
            "text" : "Let me check with my team and come back to you by Friday.",
            "mediaUrls" : [],
            "senderId" : "1336838632832354112",
            "id" : "2106385732337529765",
            "createdAt" : "2026-10-03T14:07:48.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "We finally shipped the dashboard, thanks for the early feedback.",
            "mediaUrls" : [],
            "senderId" : "1336838632832354112",
            "id" : "2086742384834466371",
            "createdAt" : "2026-08-10T09:12:09.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1336838632832354112",
            "reactions" : [],
            "urls" : [],
            "text" : "Are you going to the data meetup next Thursday?",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2055954519946980041",
            "createdAt" : "2026-05-17T10:12:10.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1336838632832354112",
            "reactions" : [],
            "urls" : [
              {
                "url" : "https://t.co/Ab12Cd34Ef",
                "expanded" : "https://example.org/talks/data-contracts",
                "display" : "example.org/talks/data-co…"
              }
            ],
            "text" : "Here is the link we talked about https://t.co/Ab12Cd34Ef",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2028645977029249975",
            "createdAt" : "2026-03-03T01:37:46.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "2893417245-1511298640261667538",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1511298640261667538",
            "reactions" : [
              {
                "senderId" : "1511298640261667538",
                "reactionKey" : "like",
                "eventId" : "2096213421061737258",
                "createdAt" : "2026-09-05T12:26:40.000Z"
              }
            ],
            "urls" : [],
            "text" : "Good luck tomorrow!",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2096213169406400342",
            "createdAt" : "2026-09-05T12:25:40.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1511298640261667538",
            "reactions" : [],
            "urls" : [],
            "text" : "Quick update:\n- the pilot went well\n- we start the rollout in May",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2049285438174367085",
            "createdAt" : "2026-04-29T00:31:37.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1511298640261667538",
            "reactions" : [],
            "urls" : [],
            "text" : "Great catching up today!",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2040239641457715517",
            "createdAt" : "2026-04-04T01:26:51.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Yes, count me in for the panel.",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "2034673183488005571",
            "createdAt" : "2026-03-19T16:47:44.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1511298640261667538",
            "reactions" : [],
            "urls" : [],
            "text" : "Ok, talk soon.",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2021145378683478446",
            "createdAt" : "2026-02-10T08:53:04.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Thanks, that helps a lot.",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "2016375775558359760",
            "createdAt" : "2026-01-28T05:00:22.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Good luck tomorrow!",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "2015936086671042899",
            "createdAt" : "2026-01-26T23:53:12.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [
              {
                "url" : "https://t.co/Ab12Cd34Ef",
                "expanded" : "https://example.org/talks/data-contracts",
                "display" : "example.org/talks/data-co…"
              }
            ],
            "text" : "Here is the link we talked about https://t.co/Ab12Cd34Ef",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "1969346080798277724",
            "createdAt" : "2025-09-20T10:21:09.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "2893417245-1280892316193232902",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [
              {
                "senderId" : "2893417245",
                "reactionKey" : "like",
                "eventId" : "2024650965385968963",
                "createdAt" : "2026-02-20T01:03:01.000Z"
              }
            ],
            "urls" : [],
            "text" : "Congrats on the new role! How are the first weeks going?",
            "mediaUrls" : [],
            "senderId" : "1280892316193232902",
            "id" : "2024650713727336278",
            "createdAt" : "2026-02-20T01:02:01.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1280892316193232902",
            "reactions" : [],
            "urls" : [],
            "text" : "The numbers look better after the fix: 12% fewer errors.",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2019909283741393193",
            "createdAt" : "2026-02-06T23:01:16.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1280892316193232902",
            "reactions" : [],
            "urls" : [],
            "text" : "Could you send me the slides from your talk?",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "1986759946009760714",
            "createdAt" : "2025-11-07T11:37:38.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Running late, 10 min",
            "mediaUrls" : [],
            "senderId" : "1280892316193232902",
            "id" : "1955767453611226093",
            "createdAt" : "2025-08-13T23:04:32.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [
              {
                "url" : "https://t.co/Ab12Cd34Ef",
                "expanded" : "https://example.org/talks/data-contracts",
                "display" : "example.org/talks/data-co…"
              }
            ],
            "text" : "Here is the link we talked about https://t.co/Ab12Cd34Ef",
            "mediaUrls" : [],
            "senderId" : "1280892316193232902",
            "id" : "1896715654660171224",
            "createdAt" : "2025-03-04T00:13:46.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "2893417245-1542647596677668193",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1542647596677668193",
            "reactions" : [
              {
                "senderId" : "1542647596677668193",
                "reactionKey" : "like",
                "eventId" : "2008375480416335563",
                "createdAt" : "2026-01-06T03:10:03.000Z"
              }
            ],
            "urls" : [],
            "text" : "Drinks Friday?",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2008375228759540687",
            "createdAt" : "2026-01-06T03:09:03.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1542647596677668193",
            "reactions" : [],
            "urls" : [],
            "text" : "Yes!! Count me in",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "1994821238913839095",
            "createdAt" : "2025-11-29T17:30:20.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Congrats on the new role! How are the first weeks going?",
            "mediaUrls" : [],
            "senderId" : "1542647596677668193",
            "id" : "1987184946443721546",
            "createdAt" : "2025-11-08T15:46:26.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "2893417245-1246680492916613831",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "1246680492916613831",
            "reactions" : [
              {
                "senderId" : "1246680492916613831",
                "reactionKey" : "like",
                "eventId" : "2090059710198743368",
                "createdAt" : "2026-08-19T12:54:01.000Z"
              }
            ],
            "urls" : [],
            "text" : "Good luck with the launch tomorrow!",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2090059458541707089",
            "createdAt" : "2026-08-19T12:53:01.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1246680492916613831",
            "reactions" : [],
            "urls" : [],
            "text" : "Running late, 10 min",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2087576950667682812",
            "createdAt" : "2026-08-12T16:28:25.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Just saw this and thought of you",
            "mediaUrls" : [],
            "senderId" : "1246680492916613831",
            "id" : "2085455341682945523",
            "createdAt" : "2026-08-06T19:57:54.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Could you introduce me to someone in your analytics team?",
            "mediaUrls" : [],
            "senderId" : "1246680492916613831",
            "id" : "2085057872656063645",
            "createdAt" : "2026-08-05T17:38:30.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1246680492916613831",
            "reactions" : [],
            "urls" : [],
            "text" : "Drinks Friday?",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2084350843026573219",
            "createdAt" : "2026-08-03T18:49:01.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "1246680492916613831",
            "reactions" : [],
            "urls" : [],
            "text" : "Haha 😂",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "2083653720343344895",
            "createdAt" : "2026-08-01T20:38:54.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Lunch next week? My treat this time.",
            "mediaUrls" : [],
            "senderId" : "1246680492916613831",
            "id" : "2083247023848247229",
            "createdAt" : "2026-07-31T17:42:50.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [
              {
                "url" : "https://t.co/Ab12Cd34Ef",
                "expanded" : "https://example.org/talks/data-contracts",
                "display" : "example.org/talks/data-co…"
              }
            ],
            "text" : "Here is the link we talked about https://t.co/Ab12Cd34Ef",
            "mediaUrls" : [],
            "senderId" : "1246680492916613831",
            "id" : "2080267419648416335",
            "createdAt" : "2026-07-23T12:22:57.000Z"
          }
        }
      ]
    }
  },
  {
    "dmConversation" : {
      "conversationId" : "2893417245-3021287848",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Hi Sasha, I help data leaders book 20+ qualified meetings a month. Open to a quick call?",
            "mediaUrls" : [],
            "senderId" : "3021287848",
            "id" : "2107851368953644307",
            "createdAt" : "2026-10-07T15:11:43.000Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "2893417245",
            "reactions" : [],
            "urls" : [],
            "text" : "Hi Sasha, I help data leaders book 20+ qualified meetings a month. Open to a quick call?",
            "mediaUrls" : [],
            "senderId" : "3021287848",
            "id" : "2106203783430835370",
            "createdAt" : "2026-10-03T02:04:48.000Z"
          }
        }
      ]
    }
  }
]