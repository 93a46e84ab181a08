"""The command line: python -m facilitation {demo,list,export,...}.

Exit code 0 on success; bad input prints one line on stderr and exits non-zero,
with nothing half-written.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from facilitation.errors import InputError, RembugError
from facilitation.i18n import t


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _lang() -> str:
    return os.environ.get("REMBUG_LANG", "id")


def cmd_demo(args, db) -> int:
    from facilitation.demo import DEMO_PIN, build_demo
    from facilitation.workshops import list_workshops

    if args.if_empty and list_workshops(db):
        print(list_workshops(db)[0]["id"])
        return 0
    workshop_id = build_demo(db)
    print(f"PIN: {DEMO_PIN}")
    print(workshop_id)
    return 0


def cmd_list(args, db) -> int:
    from facilitation.workshops import list_workshops

    for w in list_workshops(db):
        print(f"{w['id']}\t{w['village']}\t{w['kabupaten']}\t{w['year']}")
    return 0


def cmd_export(args, db) -> int:
    from exports.registry import render

    data = render(db, args.workshop, args.doc, args.format, lang=args.lang or _lang())
    out = Path(args.out)
    tmp = out.with_name(out.name + ".part")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(data)
    tmp.replace(out)  # the file appears whole or not at all
    print(t("core.cli_done", args.lang or _lang(), path=out))
    return 0


def cmd_restore_store(args, db) -> int:
    from facilitation.store.backups import restore_backup

    kept = restore_backup(Path(args.backup), db.path)
    lang = _lang()
    print(t("core.store_restored", lang, path=db.path))
    if kept:
        print(t("core.store_kept", lang, path=kept))
    return 0


def cmd_backup_now(args, db) -> int:
    from facilitation.store.backups import make_backup

    print(make_backup(db.path))
    return 0


COMMANDS = {"demo": cmd_demo, "list": cmd_list, "export": cmd_export,
            "restore-store": cmd_restore_store, "backup-store": cmd_backup_now}


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m facilitation", description="Rembug command line")
    p.add_argument("--db", help="database URL (default: DATABASE_URL or REMBUG_DB or data/rembug.sqlite3)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    d = sub.add_parser("demo", help="create the demo workshop and print its ID last")
    d.add_argument("--if-empty", action="store_true", help="only when the store has no workshop yet")
    sub.add_parser("list", help="list workshops: ID, village, kabupaten, year")
    e = sub.add_parser("export", help="write a document")
    e.add_argument("--workshop", required=True)
    e.add_argument("--doc", required=True)
    e.add_argument("--format", required=True, choices=["docx", "pdf", "csv"])
    e.add_argument("--out", required=True)
    e.add_argument("--lang", choices=["id", "en"])
    r = sub.add_parser("restore-store", help="replace the SQLite store with an automatic backup (the old one is kept)")
    r.add_argument("backup")
    sub.add_parser("backup-store", help="make an automatic-style backup of the SQLite store now")
    for extra in EXTRA_COMMANDS:
        extra(sub)
    return p


# other modules register subcommands here: f(subparsers) adds a parser with set_defaults(func=...)
EXTRA_COMMANDS: list = []


def _after_workshop_commands(sub) -> None:
    # backup/restore of one workshop (facilitation/transfer.py), demo-villages (demo/villages.py)
    from facilitation import transfer
    from facilitation.demo import villages

    transfer.register_cli(sub)
    villages.register_cli(sub)


EXTRA_COMMANDS.append(_after_workshop_commands)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from facilitation.store import Database

    lang = getattr(args, "lang", None) or _lang()
    try:
        db = Database(args.db, create=False) if args.db else Database(create=False)
        if db.path is not None and args.command != "restore-store":
            from facilitation.store.backups import check_store

            check_store(db.path)
        if args.command != "restore-store":
            db.create_schema()
        elif db.path is None:
            raise RembugError("err.sqlite_only")
        func = getattr(args, "func", None) or COMMANDS[args.command]
        return func(args, db)
    except InputError as exc:
        print("error: " + "; ".join(exc.messages(lang)), file=sys.stderr)
        return 1
    except RembugError as exc:
        print("error: " + exc.message(lang), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
