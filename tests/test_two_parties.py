"""Sides are data: a corpus about two other parties is compared as the bundled one is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import readout
from readout.analysis.sides import corpus_sides, parties
from readout.plots import party_colours
from readout.scale.export import export_tables

FOLDER = Path(__file__).parent / "fixtures" / "two_parties"


def test_the_parties_come_from_the_corpus_codebook():
    corpus = readout.load_corpus(FOLDER)
    assert set(parties(corpus)) == {"Ruritania", "Freedonia"}
    assert set(corpus_sides(corpus)) == {"Ruritania", "Freedonia"}
    quotes = readout.extract_quotes(corpus)
    assert {"Ruritania", "Freedonia"} <= set(quotes["speaker_side"])


def test_the_export_compares_the_two_parties(tmp_path):
    corpus, _ = export_tables(FOLDER, tmp_path)
    a, b = corpus_sides(corpus)
    terms = pd.read_csv(tmp_path / "framing_terms.csv")
    assert {f"n_{a.lower()}", f"n_{b.lower()}"} <= set(terms.columns) and len(terms)
    frames = pd.read_csv(tmp_path / "frames_by_side.csv")
    assert set(frames["side"]) == {a, b}
    assert not any(s == "US" or s == "China" for s in frames["side"])


def test_each_party_has_a_colour_of_its_own():
    colours = party_colours(("Ruritania", "Freedonia"))
    assert colours["Ruritania"][0] != colours["Freedonia"][0]
