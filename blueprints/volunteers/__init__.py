"""Volunteers: teams, activities, shifts, sign-ups, check-in, hours and reminders."""
