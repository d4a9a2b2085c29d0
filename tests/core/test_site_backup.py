"""A backup holds the whole site and comes back: database, photos, scans and logos.

Backed up while residents keep reporting (with photos), restored into a new instance
folder and a new database, on SQLite and on PostgreSQL: every record is there and every
photo is served again, with the same bytes, from the database (the uploads are rows of
stored_blobs; the new instance folder stays empty). The archive is 0600 and checked
member by member on restore.
"""
import hashlib
import json
import os
import tarfile
import threading
import uuid
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from blueprints.issues import services as issues
from blueprints.offers import services as offers
from commands.backup import BackupError, backup_suffix
from commands.site_backup import restore_site, write_site_backup
from extensions import db
from models import Community, Issue, IssuePhoto, Offer, Partner, Person, User
from storage import get_storage
from tests.core.test_demo import run_seed
from tests.issues.factories import png_bytes

COUNTED = (Community, User, Person, Partner, Offer)


def _report(community, compound_id: int, n: int) -> None:
    issues.report_issue(community, issues.Report(
        compound_id=compound_id, category="road", what=f"第{n}处井盖松动", public=True,
        photos=[BytesIO(png_bytes(colour=(n % 255, 80, 120)))]))


@pytest.fixture
def empty_target(db_url, tmp_path):
    """A new, empty database beside the test database, and a new instance folder."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        yield str(url.set(database=str(tmp_path / "restored.db"))), tmp_path / "restored"
        return
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False), tmp_path / "restored"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_backup_during_writes_restores_every_record_and_photo(app, fresh_app, empty_target, tmp_path):
    run_seed(app)
    xingyuan = db.session.scalar(select(Community).where(Community.slug == "xingyuan"))
    compound_id = xingyuan.compounds[0].id
    for n in range(3):
        _report(xingyuan, compound_id, n)
    partner = db.session.scalar(select(Partner).where(Partner.community_id == xingyuan.id)) or \
        db.session.scalar(select(Partner))
    offers.set_logo(partner, None, BytesIO(png_bytes(colour="red")))
    before = {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}
    first_issues = set(db.session.scalars(select(Issue.id)))
    partner_slug, partner_id = partner.community.slug, partner.id
    community_id = xingyuan.id  # plain values: the writer thread has its own session
    db.session.commit()

    stop = threading.Event()

    def residents_keep_reporting():
        with app.app_context():
            community = db.session.get(Community, community_id)
            n = 100
            while not stop.is_set() and n < 160:
                _report(community, compound_id, n)
                n += 1
                stop.wait(0.01)
            db.session.remove()

    writer = threading.Thread(target=residents_keep_reporting)
    writer.start()
    archive = tmp_path / "site.tar"
    try:
        manifest = write_site_backup(archive)
    finally:
        stop.set()
        writer.join()
    assert os.stat(archive).st_mode & 0o777 == 0o600
    # The uploads are in the database: no files beside it.
    assert manifest["revision"] and [f["path"] for f in manifest["files"]] == [
        f"database{backup_suffix(db.engine.url)}"]
    all_issues = set(db.session.scalars(select(Issue.id)))
    sent = {p.file_name: get_storage().get(f"{issues.PHOTO_FOLDER}/{p.file_name}").data
            for p in db.session.scalars(select(IssuePhoto))}
    logo = get_storage().get(f"{offers.LOGO_FOLDER}/{partner.logo_name}").data
    db.session.commit()
    assert len(all_issues) > len(first_issues)  # residents did report while it ran

    url, folder = empty_target
    restored = fresh_app(SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(folder / "uploads"),
                         AUTO_MIGRATE=False)
    with restored.app_context():
        restore_site(archive)
        db.session.remove()
        counts = {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}
        assert counts == before
        got = set(db.session.scalars(select(Issue.id)))
        assert first_issues <= got <= all_issues
        photos = [(p.id, p.issue_id, p.issue.community.slug, p.file_name)
                  for p in db.session.scalars(select(IssuePhoto))]
        db.session.commit()  # end this read: the client's requests write (SQLite lock)
        assert len(photos) >= 3
        client = restored.test_client()
        for photo_id, issue_id, slug, file_name in photos:
            response = client.get(f"/c/{slug}/issues/{issue_id}/photos/{photo_id}")
            assert response.status_code == 200, file_name
            assert response.data == sent[file_name]
        served = client.get(f"/c/{partner_slug}/services/logos/{partner_id}")
        assert served.mimetype == "image/png" and served.data == logo
        assert not Path(folder / "uploads").exists()  # served from the restored database
        db.session.remove()
        db.engine.dispose()


def test_restore_refuses_a_damaged_archive_and_a_site_that_is_not_empty(app, fresh_app, empty_target,
                                                                        tmp_path):
    run_seed(app)
    archive = tmp_path / "site.tar"
    write_site_backup(archive)
    with pytest.raises(BackupError, match="not empty"):
        restore_site(archive)  # into the live site itself
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:-1] + bytes([data[-1] ^ 1])
            target.addfile(member, BytesIO(data))
    url, folder = empty_target
    restored = fresh_app(SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(folder / "uploads"),
                         AUTO_MIGRATE=False)
    with restored.app_context():
        with pytest.raises(BackupError, match="damaged"):
            restore_site(damaged)
        assert not Path(folder / "uploads").exists()  # nothing written before every check passed
        db.engine.dispose()


def test_backup_and_restore_commands(app, fresh_app, empty_target, tmp_path):
    run_seed(app)
    archive = tmp_path / "cli.tar"
    done = app.test_cli_runner().invoke(args=["backup", "--out", str(archive)])
    assert done.exit_code == 0 and "backup written to" in done.output
    url, folder = empty_target
    restored = fresh_app(SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(folder / "uploads"),
                         AUTO_MIGRATE=False)
    with restored.app_context():  # the command runs in the app context it finds
        back = restored.test_cli_runner().invoke(args=["restore", "--from", str(archive)])
        assert back.exit_code == 0, back.output
        assert "restored" in back.output
        assert db.session.scalar(select(func.count()).select_from(Community)) == 2
        db.session.remove()
        db.engine.dispose()


def test_an_archive_from_before_0013_puts_its_upload_files_back(app, fresh_app, empty_target, tmp_path):
    """Older archives hold UPLOAD_DIR's files beside the database: they go back into the
    (empty) folder, where the `db upgrade` to 0013 that follows copies them into the database."""
    run_seed(app)
    archive, old, photo = tmp_path / "site.tar", tmp_path / "old.tar", png_bytes(colour="green")
    write_site_backup(archive)
    with tarfile.open(archive) as source, tarfile.open(old, "w") as target:
        manifest = json.load(source.extractfile("manifest.json"))
        manifest["files"].append({"path": "uploads/issues/old.png", "size": len(photo),
                                  "sha256": hashlib.sha256(photo).hexdigest()})
        members = [("manifest.json", json.dumps(manifest).encode())]
        members += [(m.name, source.extractfile(m).read()) for m in source.getmembers()
                    if m.name != "manifest.json"]
        for name, data in [*members, ("uploads/issues/old.png", photo)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, BytesIO(data))
    url, folder = empty_target
    uploads = folder / "uploads"
    restored = fresh_app(SQLALCHEMY_DATABASE_URI=url, UPLOAD_DIR=str(uploads), AUTO_MIGRATE=False)
    uploads.mkdir(parents=True)
    (uploads / "stray.jpg").write_bytes(b"left by someone")
    with restored.app_context():
        with pytest.raises(BackupError, match="not empty"):
            restore_site(old)
        (uploads / "stray.jpg").unlink()
        restore_site(old)
        assert (uploads / "issues" / "old.png").read_bytes() == photo
        db.session.remove()
        db.engine.dispose()
