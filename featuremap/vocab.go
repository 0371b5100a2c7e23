package featuremap

import (
	"slices"
	"strings"
)

// Roles lists the valid roles (docs/map.md, "features").
var Roles = []Role{RoleInput, RoleTarget, RoleID, RoleTimestamp, RoleProtected, RoleWeight, RoleMetadata}

// Outputs lists the valid purpose outputs (docs/map.md, "purpose").
var Outputs = []Output{OutputScore, OutputClassification, OutputRanking, OutputInformation}

// Contexts is the context vocabulary (docs/map.md, "Vocabularies").
var Contexts = []string{
	"employment", "education", "social-benefits", "health", "housing", "family",
	"civil-registration", "tax", "finance", "criminal-justice", "online-behaviour",
	"consumption", "leisure", "location", "other",
}

// Categories is the category vocabulary (docs/map.md, "Vocabularies").
var Categories = []string{
	"sex", "age", "ethnicity", "nationality", "language", "religion", "political-opinion",
	"trade-union", "health", "disability", "genetic", "biometric", "sexual-orientation",
	"criminal-record", "marital-status", "household", "residence-moves", "residential-area",
	"online-activity", "payment-behaviour", "debt", "leisure-activity", "social-network",
	"travel", "consumption", "traffic-offence", "income", "employment-history", "education",
	"benefits-history", "identifier", "contact", "other",
}

// CustomPrefix starts a user-defined context or category.
const CustomPrefix = "x-"

// IsCustom reports whether a context or category is a custom one (x-…).
func IsCustom(s string) bool { return strings.HasPrefix(s, CustomPrefix) && len(s) > len(CustomPrefix) }

// ValidContext reports whether s is in the context vocabulary or custom.
func ValidContext(s string) bool { return IsCustom(s) || slices.Contains(Contexts, s) }

// ValidCategory reports whether s is in the category vocabulary or custom.
func ValidCategory(s string) bool { return IsCustom(s) || slices.Contains(Categories, s) }

// ValidRole reports whether s is a role.
func ValidRole(s string) bool { return slices.Contains(Roles, Role(s)) }

// Controller types (purpose.controller): who decides the processing.
const (
	ControllerMunicipality = "municipality"
	ControllerRegion       = "region"
	ControllerState        = "state"
	ControllerPrivate      = "private"
	ControllerOther        = "other"
)

// Controllers is the controller vocabulary, public authorities first.
var Controllers = []string{ControllerMunicipality, ControllerRegion, ControllerState, ControllerPrivate, ControllerOther}

// PublicController reports whether a controller type is a public authority.
func PublicController(c string) bool {
	return c == ControllerMunicipality || c == ControllerRegion || c == ControllerState
}

// The score's roles in the final decision (purpose.decision_role): what
// the guidance's causal link ("direkte eller væsentlig årsag") turns on.
const (
	DecisionSoleBasis       = "sole-basis"
	DecisionSubstantial     = "substantial"
	DecisionOneOfSeveral    = "one-of-several"
	DecisionInformationOnly = "information-only"
)

// DecisionRoles is the decision_role vocabulary.
var DecisionRoles = []string{DecisionSoleBasis, DecisionSubstantial, DecisionOneOfSeveral, DecisionInformationOnly}

// How often a person's output is produced (purpose.reassessed): once, or
// updated or monitored over time (condition 3 of art. 5(1)(c)).
const (
	ReassessedOnce         = "once"
	ReassessedPeriodically = "periodically"
	ReassessedContinuously = "continuously"
)

// Reassessments is the reassessed vocabulary.
var Reassessments = []string{ReassessedOnce, ReassessedPeriodically, ReassessedContinuously}

// SectorEmploymentEffort is the sector of the draft order on AI or similar
// digital solutions in the employment effort: "den kommunale
// beskæftigelsesindsats".
const SectorEmploymentEffort = "employment-effort"

// Sectors is the sector vocabulary (purpose.sector): the legal area the
// processing is carried out in. A custom sector starts with x-.
var Sectors = []string{SectorEmploymentEffort, "social-services", "health", "education", "tax", "housing",
	"finance", "insurance", "law-enforcement", "other"}
