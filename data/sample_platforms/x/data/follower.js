window.YTD.follower.part0 = [
  {
    "follower" : {
      "accountId" : "1297663378312962045",
      "userLink" : "https://twitter.com/intent/user?user_id=1297663378312962045"
    }
  },
  {
    "follower" : {
      "accountId" : "618573556",
      "userLink" : "https://twitter.com/intent/user?user_id=618573556"
    }
  },
  {
    "follower" : {
      "accountId" : "1135330996667787395",
      "userLink" : "https://twitter.com/intent/user?user_id=1135330996667787395"
    }
  },
  {
    "follower" : {
      "accountId" : "1400979058",
      "userLink" : "https://twitter.com/intent/user?user_id=1400979058"
    }
  },
  {
    "follower" : {
      "accountId" : "1336838632832354112",
      "userLink" : "https://twitter.com/intent/user?user_id=1336838632832354112"
    }
  },
  {
    "follower" : {
      "accountId" : "3651872524",
      "userLink" : "https://twitter.com/intent/user?user_id=3651872524"
    }
  },
  {
    "follower" : {
      "accountId" : "1511298640261667538",
      "userLink" : "https://twitter.com/intent/user?user_id=1511298640261667538"
    }
  },
  {
    "follower" : {
      "accountId" : "1307450994516069621",
      "userLink" : "https://twitter.com/intent/user?user_id=1307450994516069621"
    }
  },
  {
    "follower" : {
      "accountId" : "1164023738",
      "userLink" : "https://twitter.com/intent/user?user_id=1164023738"
    }
  },
  {
    "follower" : {
      "accountId" : "1331007464899205020",
      "userLink" : "https://twitter.com/intent/user?user_id=1331007464899205020"
    }
  },
  {
    "follower" : {
      "accountId" : "1881754784766755613",
      "userLink" : "https://twitter.com/intent/user?user_id=1881754784766755613"
    }
  },
  {
    "follower" : {
      "accountId" : "1127123768553285287",
      "userLink" : "https://twitter.com/intent/user?user_id=1127123768553285287"
    }
  },
  {
    "follower" : {
      "accountId" : "1280892316193232902",
      "userLink" : "https://twitter.com/intent/user?user_id=1280892316193232902"
    }
  },
  {
    "follower" : {
      "accountId" : "795016114",
      "userLink" : "https://twitter.com/intent/user?user_id=795016114"
    }
  },
  {
    "follower" : {
      "accountId" : "1859271132857935384",
      "userLink" : "https://twitter.com/intent/user?user_id=1859271132857935384"
    }
  },
  {
    "follower" : {
      "accountId" : "1220981570006869184",
      "userLink" : "https://twitter.com/intent/user?user_id=1220981570006869184"
    }
  },
  {
    "follower" : {
      "accountId" : "1215628703",
      "userLink" : "https://twitter.com/intent/user?user_id=1215628703"
    }
  },
  {
    "follower" : {
      "accountId" : "1742807088506209520",
      "userLink" : "https://twitter.com/intent/user?user_id=1742807088506209520"
    }
  },
  {
    "follower" : {
      "accountId" : "2321347162",
      "userLink" : "https://twitter.com/intent/user?user_id=2321347162"
    }
  },
  {
    "follower" : {
      "accountId" : "1851542554",
      "userLink" : "https://twitter.com/intent/user?user_id=1851542554"
    }
  },
  {
    "follower" : {
      "accountId" : "3021287848",
      "userLink" : "https://twitter.com/intent/user?user_id=3021287848"
    }
  },
  {
    "follower" : {
      "accountId" : "2602489065",
      "userLink" : "https://twitter.com/intent/user?user_id=2602489065"
    }
  },
  {
    "follower" : {
      "accountId" : "1364576716285417754",
      "userLink" : "https://twitter.com/intent/user?user_id=1364576716285417754"
    }
  },
  {
    "follower" : {
      "accountId" : "1931821980579628767",
      "userLink" : "https://twitter.com/intent/user?user_id=1931821980579628767"
    }
  },
  {
    "follower" : {
      "accountId" : "1220276463009579677",
      "userLink" : "https://twitter.com/intent/user?user_id=1220276463009579677"
    }
  },
  {
    "follower" : {
      "accountId" : "1842529125442059432",
      "userLink" : "https://twitter.com/intent/user?user_id=1842529125442059432"
    }
  },
  {
    "follower" : {
      "accountId" : "1432179451350917269",
      "userLink" : "https://twitter.com/intent/user?user_id=1432179451350917269"
    }
  },
  {
    "follower" : {
      "accountId" : "1790269729144821498",
      "userLink" : "https://twitter.com/intent/user?user_id=1790269729144821498"
    }
  },
  {
    "follower" : {
      "accountId" : "1052844285801230666",
      "userLink" : "https://twitter.com/intent/user?user_id=1052844285801230666"
    }
  },
  {
    "follower" : {
      "accountId" : "1130797860585456041",
      "userLink" : "https://twitter.com/intent/user?user_id=1130797860585456041"
    }
  },
  {
    "follower" : {
      "accountId" : "980529234",
      "userLink" : "https://twitter.com/intent/user?user_id=980529234"
    }
  },
  {
    "follower" : {
      "accountId" : "1389292273514325478",
      "userLink" : "https://twitter.com/intent/user?user_id=1389292273514325478"
    }
  },
  {
    "follower" : {
      "accountId" : "1200440139672071805",
      "userLink" : "https://twitter.com/intent/user?user_id=1200440139672071805"
    }
  },
  {
    "follower" : {
      "accountId" : "1350468356418964538",
      "userLink" : "https://twitter.com/intent/user?user_id=1350468356418964538"
    }
  },
  {
    "follower" : {
      "accountId" : "1022171047003456343",
      "userLink" : "https://twitter.com/intent/user?user_id=1022171047003456343"
    }
  },
  {
    "follower" : {
      "accountId" : "1092130378839220928",
      "userLink" : "https://twitter.com/intent/user?user_id=1092130378839220928"
    }
  },
  {
    "follower" : {
      "accountId" : "1733540921040995134",
      "userLink" : "https://twitter.com/intent/user?user_id=1733540921040995134"
    }
  },
  {
    "follower" : {
      "accountId" : "1166730603573015295",
      "userLink" : "https://twitter.com/intent/user?user_id=1166730603573015295"
    }
  },
  {
    "follower" : {
      "accountId" : "1035006965588063309",
      "userLink" : "https://twitter.com/intent/user?user_id=1035006965588063309"
    }
  },
  {
    "follower" : {
      "accountId" : "1832653788509093574",
      "userLink" : "https://twitter.com/intent/user?user_id=1832653788509093574"
    }
  },
  {
    "follower" : {
      "accountId" : "1309687903217816432",
      "userLink" : "https://twitter.com/intent/user?user_id=1309687903217816432"
    }
  },
  {
    "follower" : {
      "accountId" : "1685597043230716950",
      "userLink" : "https://twitter.com/intent/user?user_id=1685597043230716950"
    }
  },
  {
    "follower" : {
      "accountId" : "1412923096276298254",
      "userLink" : "https://twitter.com/intent/user?user_id=1412923096276298254"
    }
  },
  {
    "follower" : {
      "accountId" : "1297198707594026180",
      "userLink" : "https://twitter.com/intent/user?user_id=1297198707594026180"
    }
  },
  {
    "follower" : {
      "accountId" : "3062177887",
      "userLink" : "https://twitter.com/intent/user?user_id=3062177887"
    }
  },
  {
    "follower" : {
      "accountId" : "579122895",
      "userLink" : "https://twitter.com/intent/user?user_id=579122895"
    }
  },
  {
    "follower" : {
      "accountId" : "1853555967239843661",
      "userLink" : "https://twitter.com/intent/user?user_id=1853555967239843661"
    }
  },
  {
    "follower" : {
      "accountId" : "1542647596677668193",
      "userLink" : "https://twitter.com/intent/user?user_id=1542647596677668193"
    }
  },
  {
    "follower" : {
      "accountId" : "1331265229190464589",
      "userLink" : "https://twitter.com/intent/user?user_id=1331265229190464589"
    }
  },
  {
    "follower" : {
      "accountId" : "1808268036157595650",
      "userLink" : "https://twitter.com/intent/user?user_id=1808268036157595650"
    }
  },
  {
    "follower" : {
      "accountId" : "1246680492916613831",
      "userLink" : "https://twitter.com/intent/user?user_id=1246680492916613831"
    }
  },
  {
    "follower" : {
      "accountId" : "1537168065283394361",
      "userLink" : "https://twitter.com/intent/user?user_id=1537168065283394361"
    }
  },
  {
    "follower" : {
      "accountId" : "1975726541636767827",
      "userLink" : "https://twitter.com/intent/user?user_id=1975726541636767827"
    }
  },
  {
    "follower" : {
      "accountId" : "1637780651",
      "userLink" : "https://twitter.com/intent/user?user_id=1637780651"
    }
  },
  {
    "follower" : {
      "accountId" : "3990003254",
      "userLink" : "https://twitter.com/intent/user?user_id=3990003254"
    }
  },
  {
    "follower" : {
      "accountId" : "1030001392863696266",
      "userLink" : "https://twitter.com/intent/user?user_id=1030001392863696266"
    }
  },
  {
    "follower" : {
      "accountId" : "2407586382",
      "userLink" : "https://twitter.com/intent/user?user_id=2407586382"
    }
  },
  {
    "follower" : {
      "accountId" : "1918327124695209130",
      "userLink" : "https://twitter.com/intent/user?user_id=1918327124695209130"
    }
  },
  {
    "follower" : {
      "accountId" : "1506183223971947041",
      "userLink" : "https://twitter.com/intent/user?user_id=1506183223971947041"
    }
  },
  {
    "follower" : {
      "accountId" : "1094660878039567994",
      "userLink" : "https://twitter.com/intent/user?user_id=1094660878039567994"
    }
  },
  {
    "follower" : {
      "accountId" : "1506573057504707480",
      "userLink" : "https://twitter.com/intent/user?user_id=1506573057504707480"
    }
  },
  {
    "follower" : {
      "accountId" : "1373046484950210771",
      "userLink" : "https://twitter.com/intent/user?user_id=1373046484950210771"
    }
  },
  {
    "follower" : {
      "accountId" : "2517235802",
      "userLink" : "https://twitter.com/intent/user?user_id=2517235802"
    }
  }
]