"""Taxonomy: view, edit, validate, version, re-analyse with, download and upload causes.

Widget keys (stable, for end-to-end tests):
  taxonomy_name (text input), taxonomy_editor (data editor: one row per cause, seed
  phrases per language separated by ";"), taxonomy_save (button: validate and save a
  new version), taxonomy_reanalyse (button: re-analyse every dataset with the active
  version), taxonomy_download (download button: YAML), taxonomy_upload (file uploader:
  YAML/JSON), taxonomy_upload_save (button: save the uploaded file as a new version)
"""

from __future__ import annotations

import streamlit as st

from cx.export import taxonomy_from_frame, taxonomy_to_frame
from cx.taxonomy import TaxonomyError, dump_taxonomy, parse_taxonomy
from pages._common import (
    active_taxonomy,
    audited_download,
    bump_version,
    guarded,
    require,
    workspace,
)


def _reanalyse(ws, taxonomy, version) -> None:
    from cx.analysis import analyse

    datasets = ws.datasets()
    corrections = ws.corrections()
    total = len(datasets)
    bar = st.progress(0.0, text="Re-analysing…")
    for n, (dataset_id, name) in enumerate(
        zip(datasets["id"], datasets["name"], strict=True)
    ):
        frame = ws.dataset_frame(int(dataset_id))

        def progress(stage: str, fraction: float, n=n, name=name) -> None:
            done = (n + min(max(float(fraction), 0.0), 1.0)) / max(total, 1)
            bar.progress(done, text=f"{name}: {stage}")

        analysis = analyse(frame, taxonomy, corrections, progress=progress)
        ws.replace_analysis(int(dataset_id), analysis, taxonomy_version=version)
    bar.progress(1.0, text="Done")
    bump_version()
    st.success(f"Re-analysed {total} dataset(s) with taxonomy version {version}.")


def body() -> None:
    scope = require("taxonomy")
    ws = workspace()
    version, taxonomy = active_taxonomy(ws)
    st.title("Cause taxonomy")
    st.caption(
        f"Active: {taxonomy.name} – "
        + (f"version {version}" if version else "the shipped default (not saved yet)")
    )
    editable = scope.can_edit_taxonomy
    name = st.text_input(
        "Taxonomy name", value=taxonomy.name, key="taxonomy_name", disabled=not editable
    )
    st.markdown(
        "One row per cause. Seed phrases per language are separated by `;`. "
        "Add a row to add a cause; select rows and delete them to remove causes."
    )
    edited = st.data_editor(
        taxonomy_to_frame(taxonomy),
        num_rows="dynamic" if editable else "fixed",
        disabled=not editable,
        hide_index=True,
        width="stretch",
        key="taxonomy_editor",
        column_config={
            "id": st.column_config.TextColumn("id", help="slug: a-z, 0-9, _"),
            "color": st.column_config.TextColumn("color", help="#rrggbb or empty"),
        },
    )
    c1, c2, c3 = st.columns(3)
    if editable and c1.button("Validate and save as new version", key="taxonomy_save"):
        try:
            candidate = taxonomy_from_frame(edited, name, base=taxonomy)
        except TaxonomyError as exc:
            st.error(f"Not saved: {exc}")
        else:
            saved = ws.save_taxonomy(dump_taxonomy(candidate), scope.user)
            bump_version()
            st.success(
                f"Saved as version {saved}. Re-analyse to apply it to stored feedback."
            )
            version, taxonomy = saved, candidate
    if editable and c2.button(
        "Re-analyse all datasets with the active version", key="taxonomy_reanalyse"
    ):
        if version is None:
            version = ws.save_taxonomy(dump_taxonomy(taxonomy), scope.user)
        _reanalyse(ws, taxonomy, version)
    yaml_bytes = dump_taxonomy(taxonomy).encode("utf-8")
    c3.download_button(
        "Download YAML",
        data=audited_download(
            ws,
            scope,
            "download_taxonomy_yaml",
            None,
            lambda: (yaml_bytes, len(taxonomy.causes)),
            detail=f"version {version or 'default'}",
        ),
        file_name=f"taxonomy-v{version or 0}.yaml",
        mime="application/x-yaml",
        key="taxonomy_download",
        on_click="ignore",
    )
    if not editable:
        return
    st.subheader("Upload a taxonomy")
    upload = st.file_uploader(
        "YAML or JSON taxonomy", type=["yaml", "yml", "json"], key="taxonomy_upload"
    )
    if upload is None:
        return
    try:
        uploaded = parse_taxonomy(upload.getvalue().decode("utf-8", errors="replace"))
    except TaxonomyError as exc:
        st.error(f"{upload.name}: {exc}")
        return
    st.dataframe(taxonomy_to_frame(uploaded), hide_index=True, width="stretch")
    if st.button(
        "Save the uploaded taxonomy as a new version", key="taxonomy_upload_save"
    ):
        saved = ws.save_taxonomy(dump_taxonomy(uploaded), scope.user)
        bump_version()
        st.success(f"Saved as version {saved}. Re-analyse to apply it.")


guarded(body)
