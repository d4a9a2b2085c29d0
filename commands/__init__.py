"""Command-line commands: `flask --app app <command>`."""
from flask import Flask


def register(app: Flask) -> None:
    """Attach every command to the app's CLI."""
    from commands.accounts import create_user_command
    from commands.database import db_group
    from commands.demo import seed_demo_command
    from commands.export import export_command
    from commands.printing import print_command
    from commands.purge import purge_command
    from commands.reminders import send_reminders_command
    from commands.render_worker import render_worker_command
    from commands.seed_city import seed_city_command
    from commands.site_backup import backup_command, restore_command

    for command in (seed_demo_command, create_user_command, print_command, backup_command,
                    restore_command, send_reminders_command, seed_city_command,
                    render_worker_command, purge_command, export_command):
        app.cli.add_command(command)
    # Replaces Flask-Migrate's `db` group (added by migrate.init_app): the same commands,
    # but `db upgrade` backs the database up first.
    app.cli.add_command(db_group)
