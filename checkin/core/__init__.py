"""Pure domain: workshops, registrations, door rules, screening, tokens, outcomes, clock.

Nothing here imports Qt, SQLAlchemy or does I/O; every rule is a function of its inputs.
"""
