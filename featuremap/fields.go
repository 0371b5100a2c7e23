package featuremap

// The keys of each level of saglig.yaml v1 (docs/map.md), in the order the
// contract gives them. Each entry is the single source of the key's name,
// its help text and JSON Schema (schema.go) and its decoding (decode.go).

import "github.com/saglig/saglig/internal/i18n"

var topFields = []field[Map]{
	{
		key:      "version",
		required: true,
		doc:      "Version of the map format. Required; only version 1 exists.",
		schema:   object{{"type", "integer"}, {"const", 1}},
		decode:   func(d *decoder, e entry, m *Map) { m.Version = d.version(e) },
	},
	{
		key: "purpose",
		doc: "The decision the model supports: what it is for, in which social context, on which " +
			"legal basis, and how people are involved and told (GDPR art. 5(1)(a), 22, 24; for a " +
			"municipality in the employment effort also BEK § 1, stk. 6 and § 2, stk. 1 and 4).",
		schema: ref("purpose"),
		decode: func(d *decoder, e entry, m *Map) { m.Purpose = d.purpose(e) },
	},
	{
		key: "datasets",
		doc: "Dataset paths or globs, relative to this file, linted when the command line names " +
			"none: a list, or a single path.",
		schema: object{{"anyOf", []any{
			object{{"type", "string"}, {"minLength", 1}},
			object{{"type", "array"}, {"items", object{{"type", "string"}, {"minLength", 1}}}},
			object{{"type", "null"}},
		}}},
		decode: func(d *decoder, e entry, m *Map) {
			m.Datasets = d.list(e, i18n.N("dataset path"), i18n.N("dataset paths"), true, nil)
		},
	},
	{
		key: "features",
		doc: "One entry per dataset column, keyed by column name. Nested columns are written as " +
			"dotted paths (address.postcode); a key may be a glob, where * matches any run of " +
			"characters (dots included) and ? one character. An exact key wins over a glob and " +
			"the longest glob wins. Every column must be accounted for (GDPR art. 24(1); BEK § 2, stk. 1).",
		schema: object{
			{"type", []string{"object", "null"}},
			{"propertyNames", object{{"pattern", `\S`}}},
			{"additionalProperties", ref("feature")},
		},
		decode: func(d *decoder, e entry, m *Map) { m.Features = d.features(e) },
	},
	{
		key: "disable",
		doc: "Rule ids turned off for every run on this map, e.g. [SAG012]; the reports record " +
			"them. --enable turns one back on for a run. SAG202 and SAG301 cannot be turned off.",
		schema: object{
			{"type", []string{"array", "null"}},
			{"items", object{{"type", "string"}, {"pattern", "^SAG[0-9]{3}$"}}},
		},
		decode: func(d *decoder, e entry, m *Map) {
			m.Disable = d.list(e, i18n.N("rule id"), i18n.N("rule ids"), false, nil)
		},
	},
}

var purposeFields = []field[Purpose]{
	{
		key:      "name",
		required: true,
		doc:      "Required. A short identifier for the purpose: lowercase letters, digits, \"_\", \".\" and \"-\", e.g. early-support.",
		schema:   object{{"type", "string"}, {"pattern", identRe.String()}},
		decode:   func(d *decoder, e entry, p *Purpose) { p.Name = d.name(e) },
	},
	{
		key:      "description",
		required: true,
		doc: "Required. How the model's output is used in case processing: the decision it " +
			"supports and who takes it (GDPR art. 24(1); BEK § 2, stk. 1).",
		schema: freeTextSchema(true),
		decode: func(d *decoder, e entry, p *Purpose) { p.Description = d.freeText(e) },
	},
	{
		key:      "controller",
		required: true,
		doc: "Required. Who decides the processing: municipality, region, state (a state " +
			"authority), private or other. With sector it says which law saglig cites: the draft " +
			"order on AI or similar digital solutions in the employment effort only for a municipality in the employment effort.",
		schema: ref("controller"),
		decode: func(d *decoder, e entry, p *Purpose) {
			p.Controller = d.declared(e, "controller", Controllers, false)
		},
	},
	{
		key:      "sector",
		required: true,
		doc: "Required. The legal area the processing is carried out in, from the sector " +
			"vocabulary or a custom x-… sector: employment-effort is the municipal employment " +
			"effort (BEK § 1, stk. 1).",
		schema: ref("sector"),
		decode: func(d *decoder, e entry, p *Purpose) {
			p.Sector = d.declared(e, "sector", Sectors, true)
		},
	},
	{
		key:      "context",
		required: true,
		doc: "Required. The social context of the decision, from the context vocabulary or a " +
			"custom x-… context. Data collected in another context is out of context " +
			"(AI Act art. 5(1)(c), condition 5(i)).",
		schema: ref("context"),
		decode: func(d *decoder, e entry, p *Purpose) { p.Context = d.context(e) },
	},
	{
		key: "allowed_contexts",
		doc: "The contexts whose data counts as in-context for this purpose. Defaults to " +
			"[context].",
		schema: object{{"type", []string{"array", "null"}}, {"items", ref("context")}},
		decode: func(d *decoder, e entry, p *Purpose) { p.AllowedContexts = d.contexts(e) },
	},
	{
		key: "output",
		doc: "What the model produces: score, classification or ranking evaluate or classify " +
			"people (AI Act art. 5(1)(c), condition 2); information only gathers facts for a " +
			"later human assessment.",
		schema: optional(ref("output")),
		decode: func(d *decoder, e entry, p *Purpose) {
			p.Output = Output(d.word(e, "output", outputWords(), false))
		},
	},
	{
		key: "decision_role",
		doc: "The score's role in the final decision: sole-basis, substantial, one-of-several or " +
			"information-only. The ban on social scoring needs the score to be a direct or substantial " +
			"cause of the treatment, also when a person decides with it (the guidance on art. 5(1)(c), " +
			"condition 5); the data cannot show it.",
		schema: optional(ref("decision_role")),
		decode: func(d *decoder, e entry, p *Purpose) {
			p.DecisionRole = d.declared(e, "decision_role", DecisionRoles, false)
		},
	},
	{
		key: "favourable_consequence",
		doc: "What a favourable score leads to for the person (e.g. an offer of support). With " +
			"unfavourable_consequence it says whether the score can lead to detrimental or " +
			"unfavourable treatment (art. 5(1)(c), condition 5).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, p *Purpose) { p.FavourableConsequence = d.freeText(e) },
	},
	{
		key: "unfavourable_consequence",
		doc: "What an unfavourable score leads to for the person (e.g. no offer, a control, a " +
			"benefit withdrawn) (art. 5(1)(c), condition 5).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, p *Purpose) { p.UnfavourableConsequence = d.freeText(e) },
	},
	{
		key: "reassessed",
		doc: "Whether a person's output is produced once (from information not updated or " +
			"monitored afterwards — the guidance's one-off case) or updated periodically or " +
			"continuously (art. 5(1)(c), condition 3: over a certain period of time).",
		schema: optional(ref("reassessed")),
		decode: func(d *decoder, e entry, p *Purpose) {
			p.Reassessed = d.declared(e, "reassessed", Reassessments, false)
		},
	},
	{
		key:      "automated",
		required: true,
		doc: "Required. true when decisions are taken solely by automated processing, which " +
			"GDPR art. 22(1) restricts (and BEK § 1, stk. 6 gives no basis for); false when a person decides.",
		schema: object{{"type", "boolean"}},
		decode: func(d *decoder, e entry, p *Purpose) { p.Automated = d.boolean(e) },
	},
	{
		key:    "human_review",
		doc:    "Who decides, and how the model's output is weighed in the decision (GDPR art. 22; BEK § 1, stk. 6).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, p *Purpose) { p.HumanReview = d.freeText(e) },
	},
	{
		key: "transparency",
		doc: "How and when the people concerned are told that artificial intelligence or a similar " +
			"digital solution is used in their case: a sentence (GDPR art. 5(1)(a); BEK § 2, stk. 4).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, p *Purpose) { p.Transparency = d.freeText(e) },
	},
	{
		key: "legal_basis",
		doc: "The provisions that allow the processing; for a job centre's model, e.g. " +
			"BEK § 1, stk. 1 og 4 (the draft order, to be issued under § 52 a, stk. 2, i LBK nr. 254 " +
			"af 1. marts 2024).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, p *Purpose) { p.LegalBasis = d.freeText(e) },
	},
	{
		key:    "processor",
		doc:    "The data processor, if any (GDPR art. 28; for the order, BEK § 2, stk. 3).",
		schema: optionalText(),
		decode: func(d *decoder, e entry, p *Purpose) { p.Processor = d.text(e) },
	},
	{
		key: "processor_agreement",
		doc: "The data-processing agreement (databehandleraftale) with the processor: its " +
			"reference and where it is filed. Required with processor (GDPR art. 28(3); for the " +
			"order, BEK § 2, stk. 3).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, p *Purpose) { p.ProcessorAgreement = d.freeText(e) },
	},
	{
		key: "language",
		doc: "The language saglig writes in for people about this map — the text, Markdown and " +
			"HTML reports, messages, GitHub annotations: da (Danish) or en (English). --lang " +
			"overrides it; without either, saglig follows the locale (LC_ALL, LC_MESSAGES, LANG), " +
			"and English when the locale is unset, C or POSIX. JSON keys, rule ids and SARIF " +
			"levels are the same in every language.",
		schema: optional(ref("language")),
		decode: func(d *decoder, e entry, p *Purpose) {
			p.Language = d.word(e, "language", languageWords(), false)
		},
	},
	{
		key: "waivers",
		doc: "Findings on the purpose as a whole (on no column) accepted on the record, e.g. " +
			"SAG202 with the legal assessment that concluded on it. A waived finding is still " +
			"reported and stays in the art. 5(1)(c) assessment, marked accepted.",
		schema: object{{"type", []string{"array", "null"}}, {"items", ref("waiver")}},
		decode: func(d *decoder, e entry, p *Purpose) { p.Waivers = d.waivers(e) },
	},
}

var featureFields = []field[Feature]{
	{
		key: "role",
		doc: "What the column is for: input (a model feature; the default), target (the label), " +
			"id (a subject key), timestamp (an event time), protected (kept only to audit " +
			"inputs for proxies; never an input), weight or metadata.",
		schema: optional(ref("role")),
		decode: func(d *decoder, e entry, f *Feature) { f.Role = Role(d.word(e, "role", roleWords(), false)) },
	},
	{
		key:    "description",
		doc:    "What the column holds.",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.Description = d.freeText(e) },
	},
	{
		key: "source",
		doc: "The information source the data came from, e.g. a register. Required for input, " +
			"target and protected columns (GDPR art. 24(1); BEK § 2, stk. 1).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.Source = d.freeText(e) },
	},
	{
		key: "context",
		doc: "The social context the data was collected in, from the context vocabulary or a " +
			"custom x-… context. Required for inputs (AI Act art. 5(1)(c), condition 5(i)).",
		schema: optional(ref("context")),
		decode: func(d *decoder, e entry, f *Feature) { f.Context = d.context(e) },
	},
	{
		key: "category",
		doc: "The kind of personal characteristic or behaviour the column describes, from the " +
			"category vocabulary or a custom x-… category. Inferred from the column's name and " +
			"values when absent.",
		schema: optional(ref("category")),
		decode: func(d *decoder, e entry, f *Feature) {
			f.Category = d.word(e, "category", Categories, true)
		},
	},
	{
		key: "relevance",
		doc: "Why the column is relevant to the purpose: cite the study, memo or assessment " +
			"(AI Act art. 5(1)(c), condition 5(ii)).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.Relevance = d.freeText(e) },
	},
	{
		key:    "lawful_basis",
		doc:    "The GDPR art. 9(2) or art. 10 basis for processing a special category of data.",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.LawfulBasis = d.freeText(e) },
	},
	{
		key:    "reused_from",
		doc:    "The earlier processing the data was collected for, when it is reused (GDPR art. 5(1)(b); BEK § 1, stk. 5).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.ReusedFrom = d.freeText(e) },
	},
	{
		key: "reused_under_order",
		doc: "true when the reused data were processed under the order's § 1, stk. 1–4 (by a " +
			"municipality, with AI or similar digital solutions, in the employment effort): only " +
			"then does BEK § 1, stk. 5 govern the reuse.",
		schema: object{{"type", []string{"boolean", "null"}}},
		decode: func(d *decoder, e entry, f *Feature) { f.ReusedUnderOrder = d.boolean(e) },
	},
	{
		key: "reuse_assessment",
		doc: "The reassessment made for this new use of reused data, e.g. a memo or DPIA id. " +
			"Required with reused_from (GDPR art. 5(1)(b); BEK § 1, stk. 5).",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.ReuseAssessment = d.freeText(e) },
	},
	{
		key: "pseudonymisation",
		doc: "For an id column: how its values were pseudonymised, e.g. \"HMAC-SHA256 of the CPR number, " +
			"key held by IT security\" (GDPR art. 4(5)). With role id, it keeps rule SAG301 from reporting " +
			"the column as a direct identifier.",
		schema: freeTextSchema(false),
		decode: func(d *decoder, e entry, f *Feature) { f.Pseudonymisation = d.freeText(e) },
	},
	{
		key: "waivers",
		doc: "Findings accepted on this column, on the record. A waived finding is still " +
			"reported, marked waived, stays in the art. 5(1)(c) assessment, and does not fail the run.",
		schema: object{{"type", []string{"array", "null"}}, {"items", ref("waiver")}},
		decode: func(d *decoder, e entry, f *Feature) { f.Waivers = d.waivers(e) },
	},
}

var waiverFields = []field[Waiver]{
	{
		key:      "rule",
		required: true,
		doc:      "The id of the rule whose finding is accepted, e.g. SAG104.",
		schema:   object{{"type", "string"}, {"pattern", "^SAG[0-9]{3}$"}},
		decode:   func(d *decoder, e entry, w *Waiver) { w.Rule = d.text(e) },
	},
	{
		key:      "reason",
		required: true,
		doc: "Why the finding is accepted: a sentence (by default at least 5 words and 30 " +
			"characters; the policy's heuristics set it). A shorter reason accepts nothing (SAG004).",
		schema: freeTextSchema(true),
		decode: func(d *decoder, e entry, w *Waiver) { w.Reason = d.freeText(e) },
	},
	{
		key:    "expires",
		doc:    "The last day the waiver applies, as an ISO date YYYY-MM-DD; after it the finding is reported again.",
		schema: object{{"type", []string{"string", "null"}}, {"format", "date"}},
		decode: func(d *decoder, e entry, w *Waiver) { w.Expires = d.date(e) },
	},
	{
		key: "protected",
		doc: "On a SAG104 waiver: the protected column whose proxy finding is accepted. Without " +
			"it the waiver accepts the column's proxy findings against every protected column.",
		schema: optionalText(),
		decode: func(d *decoder, e entry, w *Waiver) { w.Protected = d.text(e) },
	},
}

// declared decodes a required vocabulary value (controller, sector): empty
// or a TODO marker is left for the rules to report, as for context.
func (d *decoder) declared(e entry, what string, words []string, custom bool) string {
	s := d.text(e)
	if !Missing(s) {
		d.vocab(e.val, what, s, words, custom)
	}
	return s
}

func roleWords() []string {
	out := make([]string, len(Roles))
	for i, r := range Roles {
		out[i] = string(r)
	}
	return out
}

// languageWords are the languages saglig writes in.
func languageWords() []string {
	var out []string
	for _, l := range i18n.Langs() {
		out = append(out, string(l))
	}
	return out
}

func outputWords() []string {
	out := make([]string, len(Outputs))
	for i, o := range Outputs {
		out[i] = string(o)
	}
	return out
}
