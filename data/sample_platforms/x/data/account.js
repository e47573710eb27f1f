window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "sasha.moreau@example.com",
      "createdVia" : "web",
      "username" : "sashamoreau",
      "accountId" : "2893417245",
      "createdAt" : "2015-03-30T10:38:02.103Z",
      "accountDisplayName" : "Sasha Moreau"
    }
  }
]