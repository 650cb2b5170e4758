"""Modal dialogs: the note editor, a label prompt and the bookmarks list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from reader.library.sanitize import safe_display
from reader.store.annotations import normalize_tags
from reader.ui.keys import LABEL_PROMPT, LIST_PICKER, NOTE_EDITOR, bindings_for

# save(note, tags) -> an error message, or None when the note is on disk.
SaveNote = Callable[[str, list[str]], "str | None"]


class NoteEditor(ModalScreen[bool]):
    """Write or edit the note on a passage. ``ctrl+s`` saves, ``escape`` cancels."""

    BINDINGS = bindings_for(NOTE_EDITOR)
    # Focus the note as the screen is composed (not later, from on_mount), so
    # keys typed in the same read as `a` already go into it.
    AUTO_FOCUS = "#editor-note"

    def __init__(
        self, passage: str, save: SaveNote, note: str = "", tags: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.passage = passage
        self.save = save
        self.initial_note = note
        self.initial_tags = " ".join(tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-box"):
            yield Static(Content("Note on").stylize("bold"), classes="dialog-title")
            with VerticalScroll(id="editor-passage"):
                yield Static(Content(safe_display(self.passage)).stylize("italic"), markup=False)
            yield TextArea(self.initial_note, id="editor-note", soft_wrap=True)
            yield Input(self.initial_tags, placeholder="tags (space separated)", id="editor-tags")
            yield Static("", id="editor-error", markup=False)
            yield Static(
                Content("ctrl+s save · escape cancel · an empty note is a plain highlight"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one("#editor-note", TextArea)  # focused by AUTO_FOCUS
        area.move_cursor(area.document.end)

    @property
    def note_text(self) -> str:
        return self.query_one("#editor-note", TextArea).text

    @property
    def tags(self) -> list[str]:
        """The tags typed, read as the store reads them (``"#china, trade"``)."""
        return list(normalize_tags(self.query_one("#editor-tags", Input).value))

    def action_save(self) -> None:
        error = self.save(self.note_text.strip(), self.tags)
        if error:
            # Keep everything the reader wrote so the save can be retried.
            self.query_one("#editor-error", Static).update(Content(f"⚠ {error}"))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


class LabelPrompt(ModalScreen["str | None"]):
    """Ask for a short label (enter accepts, escape cancels)."""

    BINDINGS = bindings_for(LABEL_PROMPT)

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Content(self.title_text).stylize("bold"), classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="prompt-input")
            yield Static(Content("enter save · escape cancel"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ListPicker(ModalScreen[object]):
    """Pick one entry from a list (enter), or ``d`` to delete one; escape closes."""

    BINDINGS = bindings_for(LIST_PICKER)

    def __init__(
        self,
        title: str,
        entries: Sequence[tuple[Content, object]],
        empty: str,
        delete: Callable[[object], None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.entries = list(entries)
        self.empty = empty
        self.delete = delete

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box"):
            yield Static(Content(self.title_text).stylize("bold"), classes="dialog-title")
            yield OptionList(id="picker-list")
            hint = "enter jump · d delete · escape close" if self.delete else "enter jump · escape close"
            yield Static(Content(hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        if self.entries:
            options.set_options(Option(prompt) for prompt, _ in self.entries)
            options.highlighted = 0
        else:
            options.set_options([Option(Content(self.empty).stylize("dim"), disabled=True)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.entries):
            self.dismiss(self.entries[event.option_index][1])

    def action_delete(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if self.delete is None or index is None or index >= len(self.entries):
            return
        _, value = self.entries.pop(index)
        self.delete(value)
        self._fill()
        if self.entries:
            options.highlighted = min(index, len(self.entries) - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
