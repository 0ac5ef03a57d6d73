"""Dialogs opened from the menus: options, help, archive browser."""
