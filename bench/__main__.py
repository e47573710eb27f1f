"""``python -m bench`` (``make bench``); ``python -m bench --help`` lists the options."""

from ._run import main

raise SystemExit(main())
