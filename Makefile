# Thin wrappers; the scripts are the source of truth (make is not on every fresh machine).
.PHONY: run test
run:
	./scripts/run
test:
	./scripts/test
