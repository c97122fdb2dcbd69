from backyard_lint.export import main

raise SystemExit(main())
