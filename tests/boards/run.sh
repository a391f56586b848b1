#!/bin/sh
# Tests of the printable boards and QR codes (issue 4): publishes the
# sample and a layout stress case and checks the PDFs and codes (see
# check.py).  Ends with "N passed, N failed"; exits non-zero on failure.
# Needs python3, poppler-utils (pdftoppm, pdftotext, pdfinfo), zbar-tools
# and qpdf.
set -u
cd "$(dirname "$0")/../.." || exit 2
PYTHON=${PYTHON:-python3}
G=${GRIDSTAR:-./gridstar}
export LC_ALL=C.UTF-8 TZ=UTC
for tool in pdftoppm pdftotext pdfinfo zbarimg qpdf; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "FAIL $tool is not installed (make deps)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done
exec "$PYTHON" tests/boards/check.py "$G" input themes
