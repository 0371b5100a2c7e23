package legal

// The provisions saglig cites. The order and the guidance are quoted from
// the two source texts (the draft order and the guidance on art. 5(1)(c),
// their æ, ø and å restored from the PDF extraction); the GDPR and
// databeskyttelsesloven from their published Danish text. The English
// glosses are saglig's own.

const (
	orderSource = "Udkast til bekendtgørelse om kommunernes behandling af personoplysninger med kunstig intelligens eller lignende digitale løsninger i beskæftigelsesindsatsen (foreslås udstedt i medfør af § 52 a, stk. 2, i lov om organisering og understøttelse af beskæftigelsesindsatsen m.v., jf. lovbekendtgørelse nr. 254 af 1. marts 2024; foreslået i kraft 1. februar 2026)"
	aiActSource = "Forordning (EU) 2024/1689 (forordningen om kunstig intelligens), artikel 5, stk. 1, litra c, som gengivet i vejledningen om forbuddet mod social bedømmelse"
	guideSource = "Vejledning om forbuddet mod AI, der foretager social bedømmelse (AI-forordningens artikel 5, stk. 1, litra c)"
	gdprSource  = "Forordning (EU) 2016/679 (databeskyttelsesforordningen)"
	dblSource   = "Lov nr. 502 af 23. maj 2018 om supplerende bestemmelser til forordning om beskyttelse af fysiske personer i forbindelse med behandling af personoplysninger og om fri udveksling af sådanne oplysninger (databeskyttelsesloven)"
)

// The draft executive order ("BEK"): only for a municipality's purpose in
// the employment effort.
var (
	Order1Stk1 = &Citation{
		Ref: "BEK § 1, stk. 1", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne kan anvende kunstig intelligens eller lignende digitale løsninger til samkøring og anden behandling af personoplysninger, når formålet er at understøtte sagsbehandlingen i den kommunale beskæftigelsesindsats efter § 3, stk. 2, i lov om organisering og understøttelse af beskæftigelsesindsatsen m.v.",
		English: "Municipalities may use artificial intelligence or similar digital solutions to combine and otherwise process personal data when the purpose is to support case processing in the municipal employment effort under § 3, stk. 2, of the Act on the organisation and support of the employment effort etc.",
	}
	Order1Stk4 = &Citation{
		Ref: "BEK § 1, stk. 4", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne kan endvidere behandle personoplysninger til brug for udvikling eller forbedring, herunder træning, af metoder og modeller, som bruges i forbindelse med de i stk. 1-3 nævnte behandlinger.",
		English: "Municipalities may also process personal data for developing or improving, including training, the methods and models used in connection with the processing referred to in stk. 1–3.",
	}
	Order1Stk5 = &Citation{
		Ref: "BEK § 1, stk. 5", Instrument: Order, Applies: InOrderReuse, Source: orderSource,
		Danish:  "Kommunerne kan genanvende personoplysninger, der behandles efter stk. 1-4, til en ny behandling med kunstig intelligens eller lignende digitale løsninger. Kommunerne skal ved genanvendelse efter første punktum iagttage de foranstaltninger, som kræves for en ny behandling af personoplysninger, samt sikre, at kravene efter § 2 overholdes.",
		English: "Municipalities may reuse personal data processed under stk. 1–4 for a new processing with artificial intelligence or similar digital solutions. When reusing them, municipalities must observe the measures required for a new processing of personal data and ensure that the requirements of § 2 are met.",
	}
	Order1Stk6 = &Citation{
		Ref: "BEK § 1, stk. 6", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne kan ikke efter bestemmelserne i denne bekendtgørelse træffe afgørelser, der alene er baseret på automatisk behandling, herunder profilering.",
		English: "Under the provisions of this order, municipalities cannot make decisions based solely on automated processing, including profiling.",
	}
	Order2Stk1 = &Citation{
		Ref: "BEK § 2, stk. 1", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne skal dokumentere anvendelsen af kunstig intelligens eller lignende digitale løsninger i sagsbehandlingen, herunder hvordan teknologien er blevet anvendt, og fra hvilken informationskilde personoplysningerne er blevet indhentet.",
		English: "Municipalities must document the use of artificial intelligence or similar digital solutions in case processing, including how the technology was used and from which information source the personal data were obtained.",
	}
	Order2Stk2 = &Citation{
		Ref: "BEK § 2, stk. 2", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne skal endvidere sikre, at behandling i medfør af § 1 finder sted under iagttagelse af databeskyttelsesreglerne, herunder adgangsstyring og kryptering i overensstemmelse med databeskyttelsesforordningens artikel 5, stk. 1, litra f, gennemførelsen af passende tekniske og organisatoriske sikkerhedsforanstaltninger efter artikel 24 og 32 og databeskyttelse gennem design og standardindstillinger efter artikel 25, således at kommunerne er i stand til at opfylde deres databeskyttelsesretlige forpligtelser.",
		English: "Municipalities must also ensure that processing under § 1 takes place in compliance with the data protection rules, including access control and encryption in accordance with Article 5(1)(f) of the GDPR, the implementation of appropriate technical and organisational security measures under Articles 24 and 32, and data protection by design and by default under Article 25, so that the municipalities are able to meet their data-protection obligations.",
	}
	Order2Stk3 = &Citation{
		Ref: "BEK § 2, stk. 3", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne skal ved anvendelse af en databehandler sikre, at behandlingen hos databehandleren opfylder kravene i stk. 1 og 2.",
		English: "When using a data processor, municipalities must ensure that the processing by the data processor meets the requirements of stk. 1 and 2.",
	}
	Order2Stk4 = &Citation{
		Ref: "BEK § 2, stk. 4", Instrument: Order, Applies: InOrder, Source: orderSource,
		Danish:  "Kommunerne skal endvidere sikre, at det tydeligt fremgår for den, hvis personoplysninger behandles, når kunstig intelligens eller lignende digitale løsninger anvendes.",
		English: "Municipalities must also ensure that it is clear to the person whose personal data are processed when artificial intelligence or similar digital solutions are used.",
	}
)

// AI Act art. 5(1)(c), as quoted in the guidance, and its conditions.
var (
	Art5 = &Citation{
		Ref: "AI Act art. 5(1)(c)", Instrument: AIAct, Source: aiActSource,
		Danish:  "Følgende form[er] for AI-praksis er forbudt: omsætning, ibrugtagning eller anvendelse af AI-systemer til evaluering eller klassificering af fysiske personer eller grupper af personer over en given periode på grundlag af deres sociale adfærd eller kendte, udledte eller forudsagte personlige egenskaber eller personlighedstræk således, at den sociale bedømmelse fører til et af eller begge følgende udfald: i) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer i sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller indsamlet; ii) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer, som er uberettiget eller uforholdsmæssig i forhold til deres sociale adfærd eller betydningen heraf",
		English: "The following AI practice is prohibited: placing on the market, putting into service or using AI systems for the evaluation or classification of natural persons or groups of persons over a certain period of time based on their social behaviour or known, inferred or predicted personal or personality characteristics, with the social score leading to either or both of the following: (i) detrimental or unfavourable treatment of certain natural persons or groups of persons in social contexts that are unrelated to the contexts in which the data were originally generated or collected; (ii) detrimental or unfavourable treatment of certain natural persons or groups of persons that is unjustified or disproportionate to their social behaviour or its gravity.",
	}
	Art5Cond1 = &Citation{
		Ref: "art. 5(1)(c) cond. 1", Instrument: AIAct, Source: aiActSource,
		Danish:  "omsætning, ibrugtagning eller anvendelse af AI-systemer",
		English: "placing on the market, putting into service or using AI systems",
	}
	Art5Cond2 = &Citation{
		Ref: "art. 5(1)(c) cond. 2", Instrument: AIAct, Source: aiActSource,
		Danish:  "evaluering eller klassificering af fysiske personer eller grupper af personer",
		English: "the evaluation or classification of natural persons or groups of persons",
	}
	Art5Cond3 = &Citation{
		Ref: "art. 5(1)(c) cond. 3", Instrument: AIAct, Source: aiActSource,
		Danish:  "over en given periode",
		English: "over a certain period of time",
	}
	Art5Cond4 = &Citation{
		Ref: "art. 5(1)(c) cond. 4", Instrument: AIAct, Source: aiActSource,
		Danish:  "på grundlag af deres sociale adfærd eller kendte, udledte eller forudsagte personlige egenskaber eller personlighedstræk",
		English: "based on their social behaviour or known, inferred or predicted personal or personality characteristics",
	}
	Art5Cond5 = &Citation{
		Ref: "art. 5(1)(c) cond. 5", Instrument: AIAct, Source: aiActSource,
		Danish:  "således, at den sociale bedømmelse fører til et af eller begge følgende udfald: i) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer i sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller indsamlet; ii) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer, som er uberettiget eller uforholdsmæssig i forhold til deres sociale adfærd eller betydningen heraf",
		English: "with the social score leading to either or both of the following: (i) detrimental or unfavourable treatment of certain natural persons or groups of persons in social contexts that are unrelated to the contexts in which the data were originally generated or collected; (ii) detrimental or unfavourable treatment of certain natural persons or groups of persons that is unjustified or disproportionate to their social behaviour or its gravity.",
	}
	Art5Cond5i = &Citation{
		Ref: "art. 5(1)(c) cond. 5(i)", Instrument: AIAct, Source: aiActSource,
		Danish:  "i) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer i sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller indsamlet",
		English: "(i) detrimental or unfavourable treatment of certain natural persons or groups of persons in social contexts that are unrelated to the contexts in which the data were originally generated or collected",
	}
	Art5Cond5ii = &Citation{
		Ref: "art. 5(1)(c) cond. 5(ii)", Instrument: AIAct, Source: aiActSource,
		Danish:  "ii) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer, som er uberettiget eller uforholdsmæssig i forhold til deres sociale adfærd eller betydningen heraf",
		English: "(ii) detrimental or unfavourable treatment of certain natural persons or groups of persons that is unjustified or disproportionate to their social behaviour or its gravity",
	}
)

// The guidance on art. 5(1)(c): its reading of the conditions and its own
// (fictional) examples, each under the section and outcome it is filed
// under.
var (
	GuideCond3 = &Citation{
		Ref: "Vejledning afsnit 5", Instrument: Guidance, Source: guideSource,
		Danish:  "Betingelsen indebærer, at en evaluering eller klassificering kun er omfattet af forbuddet, hvis den baserer sig på mere end blot et øjebliksbillede dannet ud fra data i en specifik kontekst. Vurderingen skal foretages ud fra et helhedsbillede, hvilket betyder, at den relevante periode kan variere afhængigt af den kontekst, hvori systemet anvendes.",
		English: "The condition means that an evaluation or classification is covered by the ban only if it rests on more than a snapshot formed from data in a specific context. The assessment must be made from an overall picture, which means that the relevant period may vary with the context in which the system is used.",
	}
	GuideSocialBehaviour = &Citation{
		Ref: "Vejledning afsnit 6 (social adfærd)", Instrument: Guidance, Source: guideSource,
		Danish:  "Begrebet \"social adfærd\" dækker bredt og inkluderer handlinger, adfærd og vaner, som fysiske personer udviser i samfundet. Det kan f.eks. være deltagelse i kulturelle arrangementer, frivilligt arbejde, betalingshistorik, adfærd i forbindelse med brug af tjenester og samspil med offentlige eller private myndigheder, herunder overholdelse af love og regler.",
		English: "The concept of \"social behaviour\" is broad and includes actions, behaviour and habits that natural persons display in society. It may for example be participation in cultural events, voluntary work, payment history, behaviour when using services and dealings with public or private authorities, including compliance with laws and rules.",
	}
	GuidePersonal = &Citation{
		Ref: "Vejledning afsnit 6 (personlige egenskaber)", Instrument: Guidance, Source: guideSource,
		Danish:  "Begrebet \"personlige egenskaber eller personlighedstræk\" kan for eksempel omfatte køn, alder, seksuel orientering, etnicitet, indkomst, helbred, præferencer, interesser, indkomst, profession, bevægelsesmønstre, sundhedsdata, m.m.",
		English: "The concept of \"personal or personality characteristics\" may for example include sex, age, sexual orientation, ethnicity, income, health, preferences, interests, income, profession, movement patterns, health data, etc.",
	}
	GuideCausal = &Citation{
		Ref: "Vejledning afsnit 7 (årsagssammenhæng)", Instrument: Guidance, Source: guideSource,
		Danish:  "Det betyder, at bedømmelsen skal være en direkte eller væsentlig årsag til den endelige vurdering, som bliver foretaget af AI-systemet. Dette gælder også, selvom AI-systemets bedømmelse kun delvist ligger til grund for den endelige beslutning, eller hvis der endnu ikke er sket skade, men AI-systemet er udviklet til eller i stand til at føre til skade. Et AI-system, der anvendes i sammenspil med en menneskelig vurdering, er også omfattet, så længe den AI-genererede bedømmelse spiller en væsentlig rolle i den endelige beslutning.",
		English: "This means that the score must be a direct or substantial cause of the final assessment made by the AI system. This applies even if the AI system's score is only partly the basis of the final decision, or if no harm has yet occurred but the AI system is designed for or capable of leading to harm. An AI system used together with a human assessment is also covered, as long as the AI-generated score plays a substantial role in the final decision.",
	}
	GuideAd1Context = &Citation{
		Ref: "Vejledning afsnit 7, ad 1", Instrument: Guidance, Source: guideSource,
		Danish:  "Den første type udfald foreligger, når en person udsættes for skadelig eller ugunstig behandling baseret på en vurdering, der anvendes i en anden kontekst end den, hvor de underliggende oplysninger oprindeligt blev indsamlet i.",
		English: "The first kind of outcome occurs when a person is subjected to detrimental or unfavourable treatment based on an assessment used in a context other than the one in which the underlying information was originally collected.",
	}
	GuideAd1Tax = &Citation{
		Ref: "Vejledning afsnit 7, ad 1 (skattemyndighed)", Instrument: Guidance, Source: guideSource,
		Danish:  "En skattemyndighed bruger oplysninger om borgeres sociale vaner (f.eks. at en borger ofte køber dyre designertasker eller ofte tager på ferie) til at udvælge dem til ekstra kontrol, selvom disse oplysninger ikke er relevante for den konkrete skattesag.",
		English: "A tax authority uses information on citizens' social habits (e.g. that a citizen often buys expensive designer bags or often goes on holiday) to select them for extra control, although this information is not relevant to the tax case at hand.",
	}
	GuideAd1Jobcenter = &Citation{
		Ref: "Vejledning afsnit 7, ad 1 (jobcenter)", Instrument: Guidance, Source: guideSource,
		Danish:  "Et jobcenter anvender et AI-system, der blander relevante oplysninger om erhvervserfaring og uddannelse med irrelevante oplysninger om antal adresseskift eller køn for at vurdere, om en borger skal tilbydes støtte.",
		English: "A job centre uses an AI system that mixes relevant information on work experience and education with irrelevant information on the number of address changes or sex to assess whether a citizen should be offered support.",
	}
	GuideAd2Basis = &Citation{
		Ref: "Vejledning afsnit 7, ad 2", Instrument: Guidance, Source: guideSource,
		Danish:  "Forbuddet kan også finde anvendelse, såfremt der slet ikke er noget sagligt eller legitimt grundlag for behandlingen.",
		English: "The ban may also apply where there is no objective or legitimate basis for the treatment at all.",
	}
	GuideAd2Library = &Citation{
		Ref: "Vejledning afsnit 7, ad 2 (bibliotek)", Instrument: Guidance, Source: guideSource,
		Danish:  "En kommune bruger et AI-system til at sortere borgere i troværdighedskategorier og fratager dem adgang til offentlige ydelser, hvis de f.eks. ikke afleverer bibliotekets bøger til tiden eller har betalt en regning for sent.",
		English: "A municipality uses an AI system to sort citizens into trustworthiness categories and withdraws their access to public benefits if, for example, they do not return the library's books on time or have paid a bill late.",
	}
	GuideAd2Documentation = &Citation{
		Ref: "Vejledning afsnit 7, ad 2 (dokumentation)", Instrument: Guidance, Source: guideSource,
		Danish:  "Det er op til operatørerne af AI-systemet at dokumentere, at deres system kun anvender relevante og lovligt indsamlede oplysninger, og at den behandling, som de berørte personer bliver udsat for, er saglig, rimelig og forholdsmæssig.",
		English: "It is for the operators of the AI system to document that their system uses only relevant and lawfully collected information, and that the treatment to which the persons concerned are subjected is objective, reasonable and proportionate.",
	}
	GuideCase3OneOff = &Citation{
		Ref: "Vejledning afsnit 8, betingelse 3", Instrument: Guidance, Source: guideSource,
		Danish:  "Såfremt AI-systemet kun vurderede nye ansøgere én gang, når de pågældende ansøgte om bolig, og at AI-systemet alene tog afsæt i oplysninger fra, som ikke efterfølgende ville blive opdateret eller overvåget, ville betingelsen om evaluering eller klassificering over en given periode i dette tilfælde ikke være opfyldt, da der er tale om et enkeltstående tilfælde.",
		English: "If the AI system assessed new applicants only once, when they applied for housing, and relied only on information that would not subsequently be updated or monitored, the condition of evaluation or classification over a certain period of time would not be met in this case, as it is a one-off instance.",
	}
	GuideCase5Postcodes = &Citation{
		Ref: "Vejledning afsnit 8, betingelse 5", Instrument: Guidance, Source: guideSource,
		Danish:  "Casen beskriver, at personer fra visse postnumre bliver udelukket fra boliger, hvilket vil være et uforholdsmæssigt og uberettiget udfald.",
		English: "The case describes persons from certain postcodes being excluded from housing, which would be a disproportionate and unjustified outcome.",
	}
)

// The GDPR: everywhere.
var (
	GDPR5a = &Citation{
		Ref: "GDPR art. 5(1)(a)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Personoplysninger skal: a) behandles lovligt, rimeligt og på en gennemsigtig måde i forhold til den registrerede (»lovlighed, rimelighed og gennemsigtighed«)",
		English: "Personal data shall be: (a) processed lawfully, fairly and in a transparent manner in relation to the data subject ('lawfulness, fairness and transparency')",
	}
	GDPR5b = &Citation{
		Ref: "GDPR art. 5(1)(b)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Personoplysninger skal: […] b) indsamles til udtrykkeligt angivne og legitime formål og må ikke viderebehandles på en måde, der er uforenelig med disse formål; […] (»formålsbegrænsning«)",
		English: "Personal data shall be: […] (b) collected for specified, explicit and legitimate purposes and not further processed in a manner that is incompatible with those purposes; […] ('purpose limitation')",
	}
	GDPR5c = &Citation{
		Ref: "GDPR art. 5(1)(c)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Personoplysninger skal: […] c) være tilstrækkelige, relevante og begrænset til, hvad der er nødvendigt i forhold til de formål, hvortil de behandles (»dataminimering«)",
		English: "Personal data shall be: […] (c) adequate, relevant and limited to what is necessary in relation to the purposes for which they are processed ('data minimisation')",
	}
	GDPR9 = &Citation{
		Ref: "GDPR art. 9(1)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Behandling af personoplysninger om race eller etnisk oprindelse, politisk, religiøs eller filosofisk overbevisning eller fagforeningsmæssigt tilhørsforhold samt behandling af genetiske data, biometriske data med det formål entydigt at identificere en fysisk person, helbredsoplysninger eller oplysninger om en fysisk persons seksuelle forhold eller seksuelle orientering er forbudt.",
		English: "Processing of personal data on racial or ethnic origin, political opinions, religious or philosophical beliefs or trade union membership, and the processing of genetic data, biometric data for the purpose of uniquely identifying a natural person, data concerning health or data concerning a natural person's sex life or sexual orientation is prohibited.",
	}
	GDPR10 = &Citation{
		Ref: "GDPR art. 10", Instrument: GDPR, Source: gdprSource,
		Danish:  "Behandling af personoplysninger vedrørende straffedomme og lovovertrædelser eller tilknyttede sikkerhedsforanstaltninger på grundlag af artikel 6, stk. 1, må kun foretages under kontrol af en offentlig myndighed, eller hvis behandling har hjemmel i EU-retten eller medlemsstaternes nationale ret, som giver passende garantier for de registreredes rettigheder og frihedsrettigheder.",
		English: "Processing of personal data relating to criminal convictions and offences or related security measures based on Article 6(1) may be carried out only under the control of official authority or when the processing is authorised by Union or Member State law providing for appropriate safeguards for the rights and freedoms of data subjects.",
	}
	GDPR22 = &Citation{
		Ref: "GDPR art. 22(1)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Den registrerede har ret til ikke at være genstand for en afgørelse, der alene er baseret på automatisk behandling, herunder profilering, som har retsvirkning eller på tilsvarende vis betydeligt påvirker den pågældende.",
		English: "The data subject has the right not to be subject to a decision based solely on automated processing, including profiling, which produces legal effects concerning him or her or similarly significantly affects him or her.",
	}
	GDPR24 = &Citation{
		Ref: "GDPR art. 24(1)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Under hensyntagen til den pågældende behandlings karakter, omfang, sammenhæng og formål samt risiciene af varierende sandsynlighed og alvor for fysiske personers rettigheder og frihedsrettigheder gennemfører den dataansvarlige passende tekniske og organisatoriske foranstaltninger for at sikre og for at være i stand til at påvise, at behandling er i overensstemmelse med denne forordning.",
		English: "Taking into account the nature, scope, context and purposes of processing as well as the risks of varying likelihood and severity for the rights and freedoms of natural persons, the controller implements appropriate technical and organisational measures to ensure and to be able to demonstrate that processing is performed in accordance with this Regulation.",
	}
	GDPR25_1 = &Citation{
		Ref: "GDPR art. 25(1)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Under hensyntagen til det aktuelle tekniske niveau, implementeringsomkostningerne og den pågældende behandlings karakter, omfang, sammenhæng og formål samt risiciene af varierende sandsynlighed og alvor for fysiske personers rettigheder og frihedsrettigheder, som behandlingen indebærer, gennemfører den dataansvarlige både på tidspunktet for fastlæggelse af midlerne til behandling og på tidspunktet for selve behandlingen passende tekniske og organisatoriske foranstaltninger, såsom pseudonymisering, som er designet med henblik på effektiv implementering af databeskyttelsesprincipper, såsom dataminimering, og med henblik på integrering af de fornødne garantier i behandlingen for at opfylde kravene i denne forordning og beskytte de registreredes rettigheder.",
		English: "Taking into account the state of the art, the cost of implementation and the nature, scope, context and purposes of processing as well as the risks of varying likelihood and severity for rights and freedoms of natural persons posed by the processing, the controller implements, both at the time of the determination of the means for processing and at the time of the processing itself, appropriate technical and organisational measures, such as pseudonymisation, designed to implement data-protection principles, such as data minimisation, in an effective manner and to integrate the necessary safeguards into the processing in order to meet the requirements of this Regulation and protect the rights of data subjects.",
	}
	GDPR25_2 = &Citation{
		Ref: "GDPR art. 25(2)", Instrument: GDPR, Source: gdprSource,
		Danish:  "Den dataansvarlige gennemfører passende tekniske og organisatoriske foranstaltninger med henblik på gennem standardindstillinger at sikre, at kun personoplysninger, der er nødvendige til hvert specifikt formål med behandlingen, behandles.",
		English: "The controller implements appropriate technical and organisational measures for ensuring that, by default, only personal data which are necessary for each specific purpose of the processing are processed.",
	}
	GDPR28 = &Citation{
		Ref: "GDPR art. 28(3)", Instrument: GDPR, Source: gdprSource,
		Danish:  "En databehandlers behandling skal være reguleret af en kontrakt eller et andet retligt dokument i henhold til EU-retten eller medlemsstaternes nationale ret, der er bindende for databehandleren med hensyn til den dataansvarlige, og der fastsætter genstanden for og varigheden af behandlingen, behandlingens karakter og formål, typen af personoplysninger og kategorierne af registrerede samt den dataansvarliges forpligtelser og rettigheder.",
		English: "Processing by a data processor must be governed by a contract or other legal act under Union or Member State law that is binding on the data processor with regard to the controller and that sets out the subject-matter and duration of the processing, the nature and purpose of the processing, the type of personal data and categories of data subjects and the obligations and rights of the controller.",
	}
)

// databeskyttelsesloven § 8: criminal-offence data in Denmark (GDPR art.
// 10), split by public and private controllers.
var (
	DBL8Stk1 = &Citation{
		Ref: "databeskyttelsesloven § 8, stk. 1", Instrument: DBL, Applies: PublicController, Source: dblSource,
		Danish:  "For den offentlige forvaltning må der ikke behandles oplysninger om strafbare forhold, medmindre det er nødvendigt for varetagelsen af myndighedens opgaver.",
		English: "The public administration may not process information on criminal offences unless it is necessary for the performance of the authority's tasks.",
	}
	DBL8Stk3 = &Citation{
		Ref: "databeskyttelsesloven § 8, stk. 3", Instrument: DBL, Applies: PrivateController, Source: dblSource,
		Danish:  "Private må behandle oplysninger om strafbare forhold, hvis den registrerede har givet sit udtrykkelige samtykke hertil. Herudover kan behandling ske, hvis det er nødvendigt til varetagelse af en berettiget interesse og denne interesse klart overstiger hensynet til den registrerede.",
		English: "Private parties may process information on criminal offences if the data subject has given explicit consent. Processing may also take place where it is necessary for the purposes of a legitimate interest and this interest clearly overrides the interests of the data subject.",
	}
)

// All returns every provision saglig may cite, in the order of the scope
// table: the order, the AI Act, the guidance, the GDPR,
// databeskyttelsesloven.
func All() []*Citation {
	return []*Citation{
		Order1Stk1, Order1Stk4, Order1Stk5, Order1Stk6, Order2Stk1, Order2Stk2, Order2Stk3, Order2Stk4,
		Art5, Art5Cond1, Art5Cond2, Art5Cond3, Art5Cond4, Art5Cond5, Art5Cond5i, Art5Cond5ii,
		GuideCond3, GuideSocialBehaviour, GuidePersonal, GuideCausal, GuideAd1Context, GuideAd1Tax,
		GuideAd1Jobcenter, GuideAd2Basis, GuideAd2Library, GuideAd2Documentation, GuideCase3OneOff, GuideCase5Postcodes,
		GDPR5a, GDPR5b, GDPR5c, GDPR9, GDPR10, GDPR22, GDPR24, GDPR25_1, GDPR25_2, GDPR28,
		DBL8Stk1, DBL8Stk3,
	}
}
