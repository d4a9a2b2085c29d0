"""Printed documents of the rounds, registered with printing/: a grid's visit sheet and the
campaign report."""
