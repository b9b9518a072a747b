"""Tags for the "nhsuk" crispy-forms template pack (templates/nhsuk/) and for pages.

    {% load nhsuk %}
    {% nhsuk_error_summary form other_form %}   one error summary for several forms (or formsets)
    {% nhsuk_field form.email as f %}           what the pack's templates use to draw a field
    {% back_link url %}Back{% endback_link %}   a back link (components/back_link.html)
    {% pagination page_obj %}                   numbered pagination (components/pagination.html)
    {% js_enabled_script %}                     the inline script that marks a page as having JS

Markup follows the fixtures of nhsuk-frontend 10 (node_modules/nhsuk-frontend/dist/nhsuk/
components/*/fixtures.json): ids are <id>-hint and <id>-error, inputs point at them with
aria-describedby, radios, checkboxes and dates sit in a fieldset that does instead.
"""

from django import forms, template
from django.conf import settings
from django.forms.boundfield import BoundWidget
from django.forms.formsets import BaseFormSet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.durations import duration_in_words

register = template.Library()

# Set on a form once its errors are in a summary, so that the form does not show a second one.
SUMMARISED = "_nhsuk_error_summary_shown"

LABEL_SIZES = ("s", "m", "l", "xl")
HEADING_TAGS = ("h1", "h2", "h3", "h4")
# Button variants that can be given to crispy-forms' Submit/Button as css_class="secondary" etc.
BUTTON_VARIANTS = ("secondary", "secondary-solid", "reverse", "warning", "login", "small")
# Classes that crispy-forms puts on its inputs for Bootstrap.
BOOTSTRAP_BUTTON_CLASSES = ("btn", "btn-primary", "btn-secondary", "button", "white")


def _classes(*names):
    """Join class names, dropping blanks and repeats but keeping their order."""
    seen = []
    for name in " ".join(str(n) for n in names if n).split():
        if name not in seen:
            seen.append(name)
    return " ".join(seen)


def field_kind(bound_field):
    """Which NHS.UK component draws this field."""
    widget = bound_field.field.widget
    if widget.is_hidden:
        return "hidden"
    if getattr(widget, "nhsuk_kind", None):
        return widget.nhsuk_kind
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


class NHSField:
    """A bound field as the NHS.UK design system draws it: ids, classes and rendered inputs."""

    FIELDSET_KINDS = ("radios", "checkboxes", "date")
    # (classes, class when in error, classes after those) of each kind's input
    INPUT_CLASSES = {
        "input": ("nhsuk-input", "nhsuk-input--error", ""),
        "password": (
            "nhsuk-input",
            "nhsuk-input--error",
            "nhsuk-password-input__input nhsuk-js-password-input-input",
        ),
        "select": ("nhsuk-select", "nhsuk-select--error", ""),
        "textarea": ("nhsuk-textarea", "nhsuk-textarea--error", ""),
        "file": ("nhsuk-file-upload__input", "", ""),
        "checkbox": ("nhsuk-checkboxes__input", "", ""),
    }
    GROUP_MODULES = {
        "file": "nhsuk-file-upload",
        "password": "nhsuk-password-input",
    }

    def __init__(
        self,
        bound_field,
        *,
        show_errors=True,
        show_label=True,
        show_optional=True,
        label_size="",
        label_tag="",
        inline=False,
        small=False,
        wrapper_class="",
    ):
        self.field = bound_field
        self.widget = bound_field.field.widget
        self.kind = field_kind(bound_field)
        self.is_fieldset = self.kind in self.FIELDSET_KINDS
        self.id = self.widget.attrs.get("id") or bound_field.auto_id or ""
        self.show_label = show_label
        self.label_size = label_size if label_size in LABEL_SIZES else ""
        self.label_tag = label_tag if label_tag in HEADING_TAGS else ""
        self.inline = bool(inline)
        self.small = bool(small)
        self.wrapper_class = wrapper_class or ""
        self.errors = [str(e) for e in bound_field.errors] if show_errors else []
        self.error_codes = (
            [e.code for e in bound_field.errors.as_data()] if show_errors and self.errors else []
        )
        # Escaped unless marked safe: some hints name a post or an organisation that users typed.
        self.hint = conditional_escape(bound_field.help_text) if bound_field.help_text else ""
        self.hint_id = f"{self.id}-hint" if self.id and self.hint else ""
        self.error_id = f"{self.id}-error" if self.id and self.errors else ""
        self.maxlength = self._character_count_limit()
        self.info_id = f"{self.id}-info" if self.id and self.maxlength else ""
        self.describedby = " ".join(i for i in (self.info_id, self.hint_id, self.error_id) if i)
        self.label = self._label(show_optional)

    # --- Label ------------------------------------------------------------------------------
    def _label(self, show_optional):
        label = self.field.label or ""
        if (
            show_optional
            and label
            and not self.field.field.required
            and self.kind not in ("checkbox", "hidden")
            and not str(label).rstrip().endswith("(optional)")
        ):
            return format_html("{} (optional)", label)
        return conditional_escape(label)

    # --- The form group around the field -------------------------------------------------
    @property
    def group_classes(self):
        extra = self.module  # each component's root class is its data-module name
        return _classes(
            "nhsuk-form-group",
            "nhsuk-form-group--error" if self.errors else "",
            extra,
            self.wrapper_class,
            self.field.css_classes(),
        )

    @property
    def module(self):
        if self.maxlength:
            return "nhsuk-character-count"
        return self.GROUP_MODULES.get(self.kind, "")

    def _character_count_limit(self):
        if self.kind == "textarea":
            return self.widget.attrs.get("maxlength") or ""
        return ""

    # --- Inputs -----------------------------------------------------------------------------
    def _attrs(self, extra=None):
        """The widget's attributes as Django builds them, plus ours."""
        attrs = self.field.build_widget_attrs({}, self.widget)
        if not self.errors:
            attrs.pop("aria-invalid", None)
        attrs.update(extra or {})
        if self.id:
            attrs["id"] = self.id
        return attrs

    @property
    def widget_html(self):
        """The <input>, <select> or <textarea> with NHS.UK classes and aria-describedby."""
        bf = self.field
        if self.kind == "hidden":
            return bf.as_widget()
        base, error, after = self.INPUT_CLASSES.get(self.kind, self.INPUT_CLASSES["input"])
        attrs = self._attrs(
            {
                "class": _classes(
                    base, error if self.errors else "", after, self.widget.attrs.get("class")
                ),
                # False leaves the attribute out (Django would point it at ids we do not use).
                "aria-describedby": self.describedby or False,
            }
        )
        widget = self.widget
        if isinstance(widget, forms.widgets.Input) and "type" in widget.attrs:
            # Field("q", type="search") puts type among the attributes, and Django's template
            # would then write two: the widget's own input_type is what it writes first.
            widget.input_type = widget.attrs.pop("type")
        if self.kind == "password":
            attrs.setdefault("spellcheck", "false")
            attrs.setdefault("autocapitalize", "none")
        if self.maxlength:
            # The character count tells people the limit; maxlength would silently cut them off.
            attrs["class"] = _classes(attrs["class"], "nhsuk-js-character-count")
            attrs["maxlength"] = False
        if self.kind == "file":
            # ClearableFileInput's "Currently: … Clear" markup is drawn separately (current_file).
            widget = forms.FileInput(attrs=self.widget.attrs)
        if bf.field.localize:
            widget.is_localized = True
        return widget.render(bf.html_name, bf.value(), attrs=attrs, renderer=bf.form.renderer)

    @property
    def current_file(self):
        """For a ClearableFileInput with a file already: its name, url and the clear checkbox."""
        if self.kind != "file" or not isinstance(self.widget, forms.ClearableFileInput):
            return None
        value = self.field.value()
        if not self.widget.is_initial(value):
            return None
        checkbox_name = self.widget.clear_checkbox_name(self.field.html_name)
        return {
            "name": str(value),
            "url": getattr(value, "url", ""),
            "can_clear": not self.field.field.required and not self.field.field.disabled,
            "checkbox_name": checkbox_name,
            "checkbox_id": self.widget.clear_checkbox_id(checkbox_name),
        }

    @property
    def items(self):
        """Radios or checkboxes: one dict per choice with its rendered <input>."""
        bf = self.field
        attrs = self._attrs({"class": f"nhsuk-{self.kind}__input"})
        attrs.pop("aria-invalid", None)  # the fieldset's error message covers the group
        attrs.pop("aria-describedby", None)
        hints = {str(k): v for k, v in (getattr(self.widget, "choice_hints", None) or {}).items()}
        exclusive = {str(v) for v in (getattr(self.widget, "exclusive_choices", None) or ())}
        result = []
        for option in self.widget.subwidgets(bf.html_name, bf.value(), attrs):
            value = "" if option["value"] is None else str(option["value"])
            if value == "":
                continue  # Django's "---------" blank choice: an NHS.UK radio is simply unchosen
            option_attrs = dict(option["attrs"])
            hint = hints.get(value, "")
            hint_id = f"{option_attrs.get('id')}-item-hint" if hint and "id" in option_attrs else ""
            if hint_id:
                option_attrs["aria-describedby"] = hint_id
            if value in exclusive and self.kind == "checkboxes":
                option_attrs["data-behaviour"] = "exclusive"
            data = {**option, "attrs": option_attrs}
            result.append(
                {
                    "id": option_attrs.get("id", ""),
                    "input": BoundWidget(self.widget, data, bf.form.renderer).tag(),
                    "label": option["label"],
                    "hint": hint,
                    "hint_id": hint_id,
                    "divider": "or" if value in exclusive and result else "",
                }
            )
        return result

    @property
    def parts(self):
        """Date input: day, month and year, each with its rendered <input>."""
        bf = self.field
        attrs = self._attrs()
        attrs.pop("aria-describedby", None)
        attrs.pop("aria-invalid", None)
        context = self.widget.get_context(bf.html_name, bf.value(), attrs)["widget"]
        names = getattr(self.widget, "parts", ("day", "month", "year"))
        labels = getattr(self.widget, "part_labels", {})
        widths = getattr(self.widget, "part_widths", {})
        values = [str(sub.get("value") or "").strip() for sub in context["subwidgets"]]
        in_error = self._parts_in_error(names, values)
        result = []
        for name, sub, subwidget in zip(
            names, context["subwidgets"], self.widget.widgets, strict=True
        ):
            error = name in in_error
            sub_attrs = dict(sub["attrs"])
            sub_attrs["class"] = _classes(
                "nhsuk-input",
                "nhsuk-input--error" if error else "",
                f"nhsuk-input--width-{widths.get(name, 2)}",
                "nhsuk-date-input__input",
                sub_attrs.get("class"),
            )
            if error:
                sub_attrs["aria-invalid"] = "true"
            data = {**sub, "attrs": sub_attrs}
            result.append(
                {
                    "name": name,
                    "id": sub_attrs.get("id", ""),
                    "label": labels.get(name, name.capitalize()),
                    "error": error,
                    "input": BoundWidget(subwidget, data, bf.form.renderer).tag(),
                }
            )
        return result

    def _parts_in_error(self, names, values):
        if not self.errors:
            return set()
        missing = {name for name, value in zip(names, values, strict=True) if not value}
        if missing and len(missing) < len(names):
            return missing
        if "year" in self.error_codes and "year" in names and len(self.error_codes) == 1:
            return {"year"}
        return set(names)

    # --- Where the error summary links to --------------------------------------------------
    @property
    def error_target(self):
        """The id of the input an error summary link should move focus to."""
        if self.kind in ("radios", "checkboxes"):
            items = self.items
            return items[0]["id"] if items else self.id
        if self.kind == "date":
            parts = self.parts
            for part in parts:
                if part["error"]:
                    return part["id"]
            return parts[0]["id"] if parts else self.id
        return self.id


@register.simple_tag
def nhsuk_field(
    bound_field,
    show_errors=True,
    show_label=True,
    show_optional=True,
    label_size="",
    label_tag="",
    inline="",
    small=False,
    wrapper_class="",
):
    """{% nhsuk_field field ... as f %}: the NHSField the pack's templates draw.

    Options left out of a template's context arrive as "" and mean the default.
    """
    return NHSField(
        bound_field,
        show_errors=show_errors is not False,
        show_label=show_label is not False,
        show_optional=show_optional is not False,
        label_size=label_size,
        label_tag=label_tag,
        inline=bool(inline),
        small=bool(small),
        wrapper_class=wrapper_class,
    )


# --- Error summary ------------------------------------------------------------------------
def error_summary_items(form):
    """[{"text": ..., "href": "#id" or ""}] for a form's or formset's errors, in page order."""
    if not form:
        return []
    if isinstance(form, BaseFormSet):
        items = [{"text": str(e), "href": ""} for e in form.non_form_errors()]
        for member in form.forms:
            items.extend(error_summary_items(member))
        return items
    if not form.is_bound or not form.errors:
        return []
    items = [{"text": str(e), "href": ""} for e in form.non_field_errors()]
    for bf in form:
        if not bf.errors:
            continue
        if bf.is_hidden:
            items.extend({"text": f"{bf.label}: {e}", "href": ""} for e in bf.errors)
            continue
        target = NHSField(bf).error_target
        items.extend({"text": str(e), "href": f"#{target}" if target else ""} for e in bf.errors)
    return items


def _mark_summarised(form):
    if isinstance(form, BaseFormSet):
        setattr(form, SUMMARISED, True)
        for member in form.forms:
            _mark_summarised(member)
    elif form:
        setattr(form, SUMMARISED, True)


@register.simple_tag
def nhsuk_error_summary(*forms_, title="There is a problem", description="", skip_shown=False):
    """An NHS.UK error summary listing every error of the given forms and formsets.

    Put it at the top of <main> when a page has several forms:
        {% nhsuk_error_summary form address_form %}
    The forms then do not repeat the summary when crispy-forms draws them. Field errors link to
    their input (the first radio, checkbox or date part); errors of the whole form are plain.
    """
    if skip_shown:
        forms_ = [f for f in forms_ if f and not getattr(f, SUMMARISED, False)]
    items = []
    for form in forms_:
        items.extend(error_summary_items(form))
        _mark_summarised(form)
    if not items:
        return ""
    return render_to_string(
        "components/error_summary.html",
        {"title": title, "description": description, "errors": items},
    )


# --- Buttons ------------------------------------------------------------------------------
@register.filter
def nhsuk_button_classes(css_class):
    """crispy-forms' field_classes (e.g. "btn btn-primary secondary") as NHS.UK button classes."""
    names = ["nhsuk-button"]
    for name in str(css_class or "").split():
        if name in BOOTSTRAP_BUTTON_CLASSES:
            continue
        names.append(f"nhsuk-button--{name}" if name in BUTTON_VARIANTS else name)
    return _classes(*names)


@register.filter
def nhsuk_buttons(inputs):
    """The helper's inputs that are buttons (not hidden inputs)."""
    return [i for i in inputs or () if getattr(i, "input_type", "") != "hidden"]


@register.filter
def nhsuk_hidden_inputs(inputs):
    return [i for i in inputs or () if getattr(i, "input_type", "") == "hidden"]


# --- Pages that render without a request (500.html) ---------------------------------------
@register.simple_tag
def nhsuk_service_name():
    """The service's name straight from settings: for pages rendered without context."""
    return getattr(settings, "SERVICE_NAME", "") or "NHS service"


@register.simple_tag
def nhsuk_contact_email():
    """settings.SERVICE_CONTACT_EMAIL, or "" when the service has not set one."""
    return getattr(settings, "SERVICE_CONTACT_EMAIL", "") or ""


@register.filter(name="duration_in_words")
def duration_in_words_filter(duration) -> str:
    return duration_in_words(duration)


# --- Page components ----------------------------------------------------------------------
class BackLinkNode(template.Node):
    def __init__(self, href_parts, nodelist):
        self.href_parts = href_parts
        self.nodelist = nodelist

    def render(self, context):
        href = "".join(str(part.resolve(context)) for part in self.href_parts)
        # The rendered words are already escaped; strip() would drop their safe mark.
        text = mark_safe(self.nodelist.render(context).strip() or "Back")  # noqa: S308
        return render_to_string("components/back_link.html", {"href": href, "text": text})


@register.tag
def back_link(parser, token):
    """{% back_link url "#fragment" %}Back to the pledge{% endback_link %}: an NHS.UK back link.

    The address is its parts joined, so a fragment can follow a URL taken with {% url … as … %};
    the words may hold a visually hidden part.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("back_link needs the address to go back to")
    nodelist = parser.parse(("endback_link",))
    parser.delete_first_token()
    return BackLinkNode([parser.compile_filter(bit) for bit in bits], nodelist)


class CaptionNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        text = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        if not text:
            return ""
        return format_html('<span class="nhsuk-caption-l">{}</span>', text)


@register.tag
def nhsuk_caption(parser, token):
    """{% nhsuk_caption %}…{% endnhsuk_caption %}: the caption above a heading, or nothing when the
    words inside are empty (so a layout can offer a caption block that pages may leave out)."""
    nodelist = parser.parse(("endnhsuk_caption",))
    parser.delete_first_token()
    return CaptionNode(nodelist)


def page_url(request, number: int) -> str:
    """The address of a page of a list, keeping its search, filters and sort."""
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query["page"] = number
    return f"?{query.urlencode()}"


@register.inclusion_tag("components/pagination.html", takes_context=True)
def pagination(context, page):
    """{% pagination page_obj %}: numbered NHS.UK pagination, nothing for a list of one page."""
    if page is None or page.paginator.num_pages <= 1:
        return {"page_links": []}
    request = context.get("request")
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            links.append({"ellipsis": True})
        else:
            links.append(
                {
                    "number": number,
                    "url": page_url(request, number),
                    "current": number == page.number,
                }
            )
    return {
        "page_links": links,
        "previous_url": page_url(request, page.number - 1) if page.has_previous() else "",
        "next_url": page_url(request, page.number + 1) if page.has_next() else "",
    }


class ScrollRegionNode(template.Node):
    def __init__(self, options, nodelist):
        self.options = options
        self.nodelist = nodelist

    def render(self, context):
        options = {name: value.resolve(context) for name, value in self.options.items()}
        return render_to_string(
            "components/scroll_region.html",
            {**options, "content": mark_safe(self.nodelist.render(context))},  # noqa: S308
        )


@register.tag
def scroll_region(parser, token):
    """{% scroll_region labelled_by="board-caption" %}<table …>{% endscroll_region %}: a wide
    table that scrolls sideways inside its own focusable region, never the page as a whole
    (WCAG 1.4.10). Name the region with `labelled_by` (the table caption's id) or `label`."""
    options = {}
    for bit in token.split_contents()[1:]:
        name, equals, value = bit.partition("=")
        if not equals or name not in ("labelled_by", "label"):
            raise template.TemplateSyntaxError(
                "scroll_region takes labelled_by=… or label=…, not " + bit
            )
        options[name] = parser.compile_filter(value)
    if not options:
        raise template.TemplateSyntaxError("scroll_region needs labelled_by=… or label=…")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(options, nodelist)


@register.simple_tag
def js_enabled_script():
    """{% js_enabled_script %}: static/js/js-enabled.js written into the page, so that marking it
    as having JavaScript costs no request before the first paint; the CSP allows it by its hash."""
    return format_html("<script>{}</script>", mark_safe(settings.JS_ENABLED_SCRIPT))  # noqa: S308
