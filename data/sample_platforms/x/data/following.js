window.YTD.following.part0 = [
  {
    "following" : {
      "accountId" : "1336838632832354112",
      "userLink" : "https://twitter.com/intent/user?user_id=1336838632832354112"
    }
  },
  {
    "following" : {
      "accountId" : "1511298640261667538",
      "userLink" : "https://twitter.com/intent/user?user_id=1511298640261667538"
    }
  },
  {
    "following" : {
      "accountId" : "1197527376309220805",
      "userLink" : "https://twitter.com/intent/user?user_id=1197527376309220805"
    }
  },
  {
    "following" : {
      "accountId" : "1280892316193232902",
      "userLink" : "https://twitter.com/intent/user?user_id=1280892316193232902"
    }
  },
  {
    "following" : {
      "accountId" : "1945148706274096491",
      "userLink" : "https://twitter.com/intent/user?user_id=1945148706274096491"
    }
  },
  {
    "following" : {
      "accountId" : "1825834344239249406",
      "userLink" : "https://twitter.com/intent/user?user_id=1825834344239249406"
    }
  },
  {
    "following" : {
      "accountId" : "1215628703",
      "userLink" : "https://twitter.com/intent/user?user_id=1215628703"
    }
  },
  {
    "following" : {
      "accountId" : "1742807088506209520",
      "userLink" : "https://twitter.com/intent/user?user_id=1742807088506209520"
    }
  },
  {
    "following" : {
      "accountId" : "2321347162",
      "userLink" : "https://twitter.com/intent/user?user_id=2321347162"
    }
  },
  {
    "following" : {
      "accountId" : "1426037955572920275",
      "userLink" : "https://twitter.com/intent/user?user_id=1426037955572920275"
    }
  },
  {
    "following" : {
      "accountId" : "1851542554",
      "userLink" : "https://twitter.com/intent/user?user_id=1851542554"
    }
  },
  {
    "following" : {
      "accountId" : "1919710581697971575",
      "userLink" : "https://twitter.com/intent/user?user_id=1919710581697971575"
    }
  },
  {
    "following" : {
      "accountId" : "1917686385181547565",
      "userLink" : "https://twitter.com/intent/user?user_id=1917686385181547565"
    }
  },
  {
    "following" : {
      "accountId" : "980529234",
      "userLink" : "https://twitter.com/intent/user?user_id=980529234"
    }
  },
  {
    "following" : {
      "accountId" : "962511064",
      "userLink" : "https://twitter.com/intent/user?user_id=962511064"
    }
  },
  {
    "following" : {
      "accountId" : "1092130378839220928",
      "userLink" : "https://twitter.com/intent/user?user_id=1092130378839220928"
    }
  },
  {
    "following" : {
      "accountId" : "1733540921040995134",
      "userLink" : "https://twitter.com/intent/user?user_id=1733540921040995134"
    }
  },
  {
    "following" : {
      "accountId" : "1166730603573015295",
      "userLink" : "https://twitter.com/intent/user?user_id=1166730603573015295"
    }
  },
  {
    "following" : {
      "accountId" : "1043422821732674980",
      "userLink" : "https://twitter.com/intent/user?user_id=1043422821732674980"
    }
  },
  {
    "following" : {
      "accountId" : "1382583060",
      "userLink" : "https://twitter.com/intent/user?user_id=1382583060"
    }
  },
  {
    "following" : {
      "accountId" : "1309687903217816432",
      "userLink" : "https://twitter.com/intent/user?user_id=1309687903217816432"
    }
  },
  {
    "following" : {
      "accountId" : "1685597043230716950",
      "userLink" : "https://twitter.com/intent/user?user_id=1685597043230716950"
    }
  },
  {
    "following" : {
      "accountId" : "1412923096276298254",
      "userLink" : "https://twitter.com/intent/user?user_id=1412923096276298254"
    }
  },
  {
    "following" : {
      "accountId" : "1116727562597927663",
      "userLink" : "https://twitter.com/intent/user?user_id=1116727562597927663"
    }
  },
  {
    "following" : {
      "accountId" : "1853555967239843661",
      "userLink" : "https://twitter.com/intent/user?user_id=1853555967239843661"
    }
  },
  {
    "following" : {
      "accountId" : "1144432191502972109",
      "userLink" : "https://twitter.com/intent/user?user_id=1144432191502972109"
    }
  },
  {
    "following" : {
      "accountId" : "1542647596677668193",
      "userLink" : "https://twitter.com/intent/user?user_id=1542647596677668193"
    }
  },
  {
    "following" : {
      "accountId" : "743685420",
      "userLink" : "https://twitter.com/intent/user?user_id=743685420"
    }
  },
  {
    "following" : {
      "accountId" : "1246680492916613831",
      "userLink" : "https://twitter.com/intent/user?user_id=1246680492916613831"
    }
  },
  {
    "following" : {
      "accountId" : "1975726541636767827",
      "userLink" : "https://twitter.com/intent/user?user_id=1975726541636767827"
    }
  },
  {
    "following" : {
      "accountId" : "1637780651",
      "userLink" : "https://twitter.com/intent/user?user_id=1637780651"
    }
  },
  {
    "following" : {
      "accountId" : "1499081015789890966",
      "userLink" : "https://twitter.com/intent/user?user_id=1499081015789890966"
    }
  },
  {
    "following" : {
      "accountId" : "2407586382",
      "userLink" : "https://twitter.com/intent/user?user_id=2407586382"
    }
  },
  {
    "following" : {
      "accountId" : "1402086449737875941",
      "userLink" : "https://twitter.com/intent/user?user_id=1402086449737875941"
    }
  },
  {
    "following" : {
      "accountId" : "1373046484950210771",
      "userLink" : "https://twitter.com/intent/user?user_id=1373046484950210771"
    }
  },
  {
    "following" : {
      "accountId" : "2517235802",
      "userLink" : "https://twitter.com/intent/user?user_id=2517235802"
    }
  }
]