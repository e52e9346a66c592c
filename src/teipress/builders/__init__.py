"""Builders: each turns the resolved edition into one kind of output (data, HTML, text)."""
