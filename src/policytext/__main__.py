"""``python -m policytext`` runs the command line."""

from .cli import main

main()
