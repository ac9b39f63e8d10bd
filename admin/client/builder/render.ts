// Draws the rule builder: nested AND/OR groups of rules, each rule a field (grouped by kind), an operator
// that fits the field's type, and a value input. Structural edits redraw and put focus back; typing a
// value only updates the model. Every control has a label (visually hidden where the row says it).
import { FREE_FIELDS, fieldsByGroup, freeFieldOf, groupOf, GROUPS, typeOf } from "../../catalog";
import { h, srLabel, type Kid } from "../dom";
import { group, rule, toCondition, type Group, type Node, type Rule } from "./model";
import { emptyValue, operatorOf, operatorsFor, type Input } from "./operators";

const MAX_DEPTH = 4;

export function mountBuilder(root: HTMLElement, tree: Group, onChange: () => void) {
  const redraw = (focusId?: string) => {
    const paths = new Map<number, string>();
    toCondition(tree, (path, id) => paths.set(id, path));
    root.replaceChildren(drawGroup(tree, null, 0, paths));
    if (focusId) document.getElementById(focusId)?.focus();
  };
  const changed = (focusId?: string) => {
    redraw(focusId);
    onChange();
  };

  function drawGroup(g: Group, parent: Group | null, depth: number, paths: Map<number, string>): HTMLElement {
    const allId = `g${g.id}-all`;
    const add = (node: Node, focus: string) => () => {
      g.children.push(node);
      changed(focus);
    };
    const r = rule();
    const sub = group(false, [rule()]);
    return h(
      "fieldset",
      { class: `group depth-${depth}` },
      h(
        "legend",
        {},
        h("label", { for: allId }, depth ? "Any or all:" : "Visitors match when"),
        " ",
        h(
          "select",
          {
            id: allId,
            onchange: (e: Event) => {
              g.all = (e.target as HTMLSelectElement).value === "all";
              g.plain = g.plain && g.all;
              changed(allId);
            },
          },
          h("option", { value: "all", selected: g.all }, "ALL of these hold (AND)"),
          h("option", { value: "any", selected: !g.all }, "ANY of these holds (OR)"),
        ),
        parent
          ? h(
              "button",
              {
                type: "button",
                class: "link danger",
                onclick: () => {
                  parent.children.splice(parent.children.indexOf(g), 1);
                  changed(`g${parent.id}-all`);
                },
              },
              "Remove group",
            )
          : null,
      ),
      g.children.length === 0
        ? h(
            "p",
            { class: "empty" },
            depth
              ? "An empty group: add a rule or remove the group."
              : "No rules: this segment matches every visitor. Add a rule to narrow it.",
          )
        : null,
      h(
        "ul",
        { class: "children" },
        g.children.map((child) =>
          h(
            "li",
            { class: g.all ? "and" : "or" },
            child.kind === "rule" ? drawRule(child, g, paths) : drawGroup(child, g, depth + 1, paths),
          ),
        ),
      ),
      h(
        "div",
        { class: "group-actions" },
        h("button", { type: "button", onclick: add(r, `r${r.id}-field`) }, "+ Add rule"),
        depth < MAX_DEPTH - 1 ? h("button", { type: "button", onclick: add(sub, `g${sub.id}-all`) }, "+ Add group") : null,
      ),
    );
  }

  function drawRule(r: Rule, parent: Group, paths: Map<number, string>): HTMLElement {
    const type = typeOf(r.field) ?? "string";
    const free = freeFieldOf(r.field);
    const fieldId = `r${r.id}-field`;
    const opId = `r${r.id}-op`;
    const errorId = `r${r.id}-error`;
    const op = operatorOf(type, r.op);
    const pick = (e: Event) => {
      const v = (e.target as HTMLSelectElement).value;
      r.field = v.endsWith(".*") ? v.slice(0, -1) : v;
      const t = typeOf(r.field) ?? "string";
      if (!operatorOf(t, r.op)) r.op = operatorsFor(t)[0]!.op;
      r.value = emptyValue(operatorOf(t, r.op)!.input);
      changed(v.endsWith(".*") ? `r${r.id}-name` : fieldId);
    };
    return h(
      "div",
      { class: "rule" },
      srLabel(fieldId, "Attribute"),
      h(
        "select",
        { id: fieldId, class: "field-pick", onchange: pick, "aria-describedby": errorId },
        h("option", { value: "", selected: !r.field }, "Choose an attribute…"),
        GROUPS.map(([g, label]) =>
          h(
            "optgroup",
            { label },
            fieldsByGroup()
              .get(g)!
              .map((f) => h("option", { value: f.path, selected: f.path === r.field }, f.path)),
            FREE_FIELDS.filter((f) => groupOf(f.prefix) === g).map((f) =>
              h("option", { value: `${f.prefix}.*`, selected: free === f }, `${f.prefix}.… (${f.hint})`),
            ),
          ),
        ),
      ),
      free
        ? [
            srLabel(`r${r.id}-name`, `Name under ${free.prefix}`),
            h("input", {
              id: `r${r.id}-name`,
              class: "free-name",
              placeholder: free.hint,
              value: r.field.slice(free.prefix.length + 1),
              oninput: (e: Event) => {
                r.field = `${free.prefix}.${(e.target as HTMLInputElement).value.trim()}`;
                onChange();
              },
            }),
          ]
        : null,
      r.field
        ? [
            srLabel(opId, "Operator"),
            h(
              "select",
              {
                id: opId,
                onchange: (e: Event) => {
                  r.op = (e.target as HTMLSelectElement).value;
                  r.value = emptyValue(operatorOf(type, r.op)!.input);
                  changed(`r${r.id}-value`);
                },
              },
              operatorsFor(type).map((o) => h("option", { value: o.op, selected: o.op === r.op }, o.label)),
            ),
            valueInput(r, op?.input ?? "text"),
          ]
        : null,
      h(
        "button",
        {
          type: "button",
          class: "icon danger",
          "aria-label": `Remove rule ${r.field}`,
          onclick: () => {
            parent.children.splice(parent.children.indexOf(r), 1);
            changed(`g${parent.id}-all`);
          },
        },
        "×",
      ),
      h("p", { class: "field-error", id: errorId, "data-error-for": paths.has(r.id) ? `condition.${paths.get(r.id)}` : null }),
    );
  }

  function valueInput(r: Rule, input: Input): Kid {
    const id = `r${r.id}-value`;
    const set = (v: unknown) => {
      r.value = v;
      onChange();
    };
    const label = srLabel(id, "Value");
    if (input === "none") return null;
    if (input === "bool") {
      return [
        label,
        h(
          "select",
          { id, class: "value", onchange: (e: Event) => set((e.target as HTMLSelectElement).value === "true") },
          h("option", { value: "true", selected: r.value === true }, "true"),
          h("option", { value: "false", selected: r.value === false }, "false"),
        ),
      ];
    }
    if (input === "list" || input === "numbers") {
      const read = (s: string) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean)
          .map((x) => (input === "numbers" ? Number(x) : x));
      return [
        label,
        h("input", {
          id,
          class: "value",
          placeholder: "comma-separated",
          value: (r.value as unknown[]).join(", "),
          oninput: (e: Event) => set(read((e.target as HTMLInputElement).value)),
        }),
      ];
    }
    if (input === "number")
      return [
        label,
        h("input", {
          id,
          class: "value",
          type: "number",
          step: "any",
          value: String(r.value ?? 0),
          oninput: (e: Event) => set(Number((e.target as HTMLInputElement).value)),
        }),
      ];
    return [
      label,
      h("input", { id, class: "value", value: String(r.value ?? ""), oninput: (e: Event) => set((e.target as HTMLInputElement).value) }),
    ];
  }

  redraw();
  return { redraw };
}
