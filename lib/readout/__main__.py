from readout.cli import main

raise SystemExit(main())
