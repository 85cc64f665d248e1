"""Company and role context (SPEC §3.2)."""

from aspira.company.model import ARCHETYPES, Archetype, ArchetypeScore, Company, Fact, Offer

__all__ = ["ARCHETYPES", "Archetype", "ArchetypeScore", "Company", "Fact", "Offer"]
