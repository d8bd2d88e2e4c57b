"""Write what the product shows into a folder, to compare two commits byte for byte.

    DATABASE_URL=sqlite:////tmp/a.sqlite3 python benchmarks/snapshot_outputs.py OUT

The database is migrated and the fixtures imported if it is empty. OUT gets the engine's
`grade --jsonl` output for ../shared/eval/visible.jsonl and dev.jsonl, and for each family the
text of its page, of its criteria page and of its matrix PDF (read back with pdftotext), with
dates and tokens left out. A restructuring that changes nothing leaves `diff -r A B` empty.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
VOLATILE = [
    re.compile(r"\d{1,2} \w+ \d{4}(, \d{1,2}:\d{2})?"),  # Dutch dates: "4 december 2026, 21:30"
    re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?\S*"),
    re.compile(r"csrfmiddlewaretoken\" value=\"[^\"]+\""),
    re.compile(r"nonce=\"[^\"]+\""),
    re.compile(r"\.[0-9a-f]{12}\.(css|js)"),  # hashed static names
    re.compile(r"versie \d+"),
]


def stable(text: str) -> str:
    for pattern in VOLATILE:
        text = pattern.sub("…", text)
    return text


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        return subprocess.run(["pdftotext", "-layout", pdf.name, "-"], capture_output=True, text=True, check=True).stdout


def main(out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "functiewaardering.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from profiles.models import JobFamily

    call_command("migrate", verbosity=0)
    call_command("import_families", "--if-empty", verbosity=0)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("visible", "dev"):
        if (EVAL / f"{name}.jsonl").is_file():
            call_command("grade", "--jsonl", str(EVAL / f"{name}.jsonl"), str(out / f"grade-{name}.jsonl"))
    client = Client()
    for slug in JobFamily.objects.order_by("slug").values_list("slug", flat=True):
        for page in ("", "criteria/"):
            html = client.get(f"/profielen/{slug}/{page}").content.decode()
            (out / f"{slug}-{page.strip('/') or 'page'}.html").write_text(stable(html), encoding="utf-8")
        pdf = client.get(f"/profielen/{slug}/matrix.pdf").content
        (out / f"{slug}-matrix.txt").write_text(stable(pdf_text(pdf)), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
