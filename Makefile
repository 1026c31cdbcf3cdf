.PHONY: run test
run:
	sh scripts/run.sh
test:
	sh scripts/test.sh
