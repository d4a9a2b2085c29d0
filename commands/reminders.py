"""`flask send-reminders`: queue tomorrow's reminders and deliver the outbox once."""
import click

from blueprints.homeservice import reminders as home_reminders
from blueprints.volunteers import outbox


@click.command("send-reminders")
def send_reminders_command():
    """Queue reminders for tomorrow's shifts and home visits, send every unsent message (daily)."""
    queued = outbox.queue_reminders() + home_reminders.queue_reminders()
    sent, failed = outbox.send_pending()
    click.echo(f"reminders queued: {queued}; messages sent: {sent}; failed: {failed}")
