window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "1719595120851647739",
      "messages" : [
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Next book: pick one by Sunday, please.",
            "mediaUrls" : [],
            "senderId" : "1336838632832354112",
            "id" : "2095055168206628897",
            "createdAt" : "2026-09-02T07:44:11.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Summary of today:\n- budget approved\n- hiring two analysts\n- next sync in two weeks",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "2050060084182303745",
            "createdAt" : "2026-05-01T03:49:47.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Next book: pick one by Sunday, please.",
            "mediaUrls" : [],
            "senderId" : "1336838632832354112",
            "id" : "2039781552161106124",
            "createdAt" : "2026-04-02T19:06:34.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Next book: pick one by Sunday, please.",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "2020624068640347951",
            "createdAt" : "2026-02-08T22:21:34.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Welcome to the group, everyone!",
            "mediaUrls" : [],
            "senderId" : "1280892316193232902",
            "id" : "2019183425880695103",
            "createdAt" : "2026-02-04T22:56:58.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Summary of today:\n- budget approved\n- hiring two analysts\n- next sync in two weeks",
            "mediaUrls" : [],
            "senderId" : "1511298640261667538",
            "id" : "1988448971260624679",
            "createdAt" : "2025-11-12T03:29:13.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "+1, works for me.",
            "mediaUrls" : [],
            "senderId" : "1336838632832354112",
            "id" : "1972106192877390505",
            "createdAt" : "2025-09-28T01:08:51.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Next book: pick one by Sunday, please.",
            "mediaUrls" : [],
            "senderId" : "2893417245",
            "id" : "1918167183392396923",
            "createdAt" : "2025-05-02T04:54:29.000Z"
          }
        },
        {
          "messageCreate" : {
            "reactions" : [],
            "urls" : [],
            "text" : "Reminder: slides due Friday.",
            "mediaUrls" : [],
            "senderId" : "1336838632832354112",
            "id" : "1915554173944696104",
            "createdAt" : "2025-04-24T23:51:19.000Z"
          }
        },
        {
          "joinConversation" : {
            "initiatingUserId" : "1336838632832354112",
            "participantsSnapshot" : [
              "1336838632832354112",
              "1511298640261667538",
              "1280892316193232902"
            ],
            "createdAt" : "2025-01-28T02:16:53.000Z"
          }
        }
      ]
    }
  }
]