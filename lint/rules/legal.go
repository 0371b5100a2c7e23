package rules

// The provisions the rules cite. Danish text as enacted or as published in the
// guidance (../shared/seeds); English glosses are saglig's own.

const (
	bekTitle      = "Bekendtgørelse om kommunernes behandling af personoplysninger med kunstig intelligens eller lignende digitale løsninger i beskæftigelsesindsatsen (udkast, i kraft 1. februar 2026)"
	aiActTitle    = "Forordning (EU) 2024/1689 (AI-forordningen), artikel 5, stk. 1, litra c, som gengivet i Digitaliseringsstyrelsens vejledning om forbuddet mod social bedømmelse"
	gdprTitle     = "Forordning (EU) 2016/679 (databeskyttelsesforordningen)"
	guidanceTitle = "Vejledning om AI-forordningens forbud mod social bedømmelse (artikel 5, stk. 1, litra c)"
)

var (
	bek1stk4 = Citation{
		Ref:     "BEK § 1, stk. 4",
		Source:  bekTitle,
		Danish:  "Kommunerne kan endvidere behandle personoplysninger til brug for udvikling eller forbedring, herunder træning, af metoder og modeller, som bruges i forbindelse med de i stk. 1-3 nævnte behandlinger.",
		English: "Municipalities may also process personal data to develop or improve, including train, the methods and models used for the processing in stk. 1-3 — training data is in scope of the order.",
	}
	bek1stk5 = Citation{
		Ref:     "BEK § 1, stk. 5",
		Source:  bekTitle,
		Danish:  "Kommunerne kan genanvende personoplysninger, der behandles efter stk. 1-4, til en ny behandling med kunstig intelligens eller lignende digitale løsninger. Kommunerne skal ved genanvendelse efter første punktum iagttage de foranstaltninger, som kræves for en ny behandling af personoplysninger, samt sikre, at kravene efter § 2 overholdes.",
		English: "Data processed under stk. 1-4 may be reused for a new AI processing, but the reuse must meet the requirements of a new processing and of § 2.",
	}
	bek1stk6 = Citation{
		Ref:     "BEK § 1, stk. 6",
		Source:  bekTitle,
		Danish:  "Kommunerne kan ikke efter bestemmelserne i denne bekendtgørelse træffe afgørelser, der alene er baseret på automatisk behandling, herunder profilering.",
		English: "Municipalities may not, under this order, make decisions based solely on automated processing, including profiling.",
	}
	bek2stk1 = Citation{
		Ref:     "BEK § 2, stk. 1",
		Source:  bekTitle,
		Danish:  "Kommunerne skal dokumentere anvendelsen af kunstig intelligens eller lignende digitale løsninger i sagsbehandlingen, herunder hvordan teknologien er blevet anvendt, og fra hvilken informationskilde personoplysningerne er blevet indhentet.",
		English: "Municipalities must document the use of AI in case processing, including how the technology was used and from which information source the personal data were obtained.",
	}
	bek2stk2 = Citation{
		Ref:     "BEK § 2, stk. 2",
		Source:  bekTitle,
		Danish:  "Kommunerne skal endvidere sikre, at behandling i medfør af § 1 finder sted under iagttagelse af databeskyttelsesreglerne, herunder adgangsstyring og kryptering i overensstemmelse med databeskyttelsesforordningens artikel 5, stk. 1, litra f, gennemførelsen af passende tekniske og organisatoriske sikkerhedsforanstaltninger efter artikel 24 og 32 og databeskyttelse gennem design og standardindstillinger efter artikel 25, således at kommunerne er i stand til at opfylde deres databeskyttelsesretlige forpligtelser.",
		English: "Municipalities must follow data protection law: access control and encryption (GDPR art. 5(1)(f)), technical and organisational measures (art. 24, 32) and data protection by design and by default (art. 25).",
	}
	bek2stk4 = Citation{
		Ref:     "BEK § 2, stk. 4",
		Source:  bekTitle,
		Danish:  "Kommunerne skal endvidere sikre, at det tydeligt fremgår for den, hvis personoplysninger behandles, når kunstig intelligens eller lignende digitale løsninger anvendes.",
		English: "Municipalities must make it clear to the person whose data are processed when AI is used.",
	}
	art5 = Citation{
		Ref:     "AI Act art. 5(1)(c)",
		Source:  aiActTitle,
		Danish:  "Følgende former for AI-praksis er forbudt: omsætning, ibrugtagning eller anvendelse af AI-systemer til evaluering eller klassificering af fysiske personer eller grupper af personer over en given periode på grundlag af deres sociale adfærd eller kendte, udledte eller forudsagte personlige egenskaber eller personlighedstræk således, at den sociale bedømmelse fører til et af eller begge følgende udfald: i) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer i sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller indsamlet; ii) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer, som er uberettiget eller uforholdsmæssig i forhold til deres sociale adfærd eller betydningen heraf.",
		English: "Prohibited: placing on the market, putting into service or using AI systems to evaluate or classify natural persons or groups over a certain period on the basis of their social behaviour or known, inferred or predicted personal or personality characteristics, where the social score leads to (i) detrimental or unfavourable treatment in social contexts unrelated to the contexts in which the data were originally generated or collected, and/or (ii) detrimental or unfavourable treatment that is unjustified or disproportionate to their social behaviour or its gravity.",
	}
	art5cond5i = Citation{
		Ref:     "art. 5(1)(c) cond. 5(i)",
		Source:  aiActTitle,
		Danish:  "i) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer i sociale sammenhænge, som ikke har noget at gøre med de sammenhænge, i hvilke dataene oprindeligt blev genereret eller indsamlet",
		English: "(i) detrimental or unfavourable treatment in social contexts unrelated to the contexts in which the data were originally generated or collected.",
	}
	art5cond5ii = Citation{
		Ref:     "art. 5(1)(c) cond. 5(ii)",
		Source:  aiActTitle,
		Danish:  "ii) skadelig eller ugunstig behandling af visse fysiske personer eller grupper af personer, som er uberettiget eller uforholdsmæssig i forhold til deres sociale adfærd eller betydningen heraf",
		English: "(ii) detrimental or unfavourable treatment that is unjustified or disproportionate to the social behaviour or its gravity.",
	}
	art5cond34 = Citation{
		Ref:     "art. 5(1)(c) cond. 3–4",
		Source:  aiActTitle,
		Danish:  "… til evaluering eller klassificering af fysiske personer eller grupper af personer over en given periode på grundlag af deres sociale adfærd eller kendte, udledte eller forudsagte personlige egenskaber eller personlighedstræk …",
		English: "… evaluating or classifying persons over a certain period (condition 3) on the basis of their social behaviour or personal or personality characteristics (condition 4).",
	}
	guidanceJobcenter = Citation{
		Ref:     "Vejledning afsnit 7, ad 1",
		Source:  guidanceTitle,
		Danish:  "Et jobcenter anvender et AI-system, der blander relevante oplysninger om erhvervserfaring og uddannelse med irrelevante oplysninger om antal adresseskift eller køn for at vurdere, om en borger skal tilbydes støtte.",
		English: "A job centre uses an AI system that mixes relevant data on work experience and education with irrelevant data on the number of address changes or gender to assess whether a citizen should be offered support.",
	}
	gdpr9 = Citation{
		Ref:     "GDPR art. 9",
		Source:  gdprTitle,
		Danish:  "Behandling af personoplysninger om race eller etnisk oprindelse, politisk, religiøs eller filosofisk overbevisning eller fagforeningsmæssigt tilhørsforhold samt behandling af genetiske data, biometriske data med det formål entydigt at identificere en fysisk person, helbredsoplysninger eller oplysninger om en fysisk persons seksuelle forhold eller seksuelle orientering er forbudt.",
		English: "Processing of data revealing racial or ethnic origin, political opinions, religious or philosophical beliefs, trade-union membership, genetic or biometric data for identification, health data, or data on sex life or sexual orientation is prohibited unless one of the exceptions in art. 9(2) applies.",
	}
	gdpr10 = Citation{
		Ref:     "GDPR art. 10",
		Source:  gdprTitle,
		Danish:  "Behandling af personoplysninger vedrørende straffedomme og lovovertrædelser eller tilknyttede sikkerhedsforanstaltninger på grundlag af artikel 6, stk. 1, må kun foretages under kontrol af en offentlig myndighed, eller hvis behandling har hjemmel i EU-retten eller medlemsstaternes nationale ret, som giver passende garantier for de registreredes rettigheder og frihedsrettigheder.",
		English: "Data on criminal convictions and offences may be processed only under official authority or when authorised by Union or national law providing appropriate safeguards.",
	}
	gdpr5c = Citation{
		Ref:     "GDPR art. 5(1)(c)",
		Source:  gdprTitle,
		Danish:  "Personoplysninger skal være tilstrækkelige, relevante og begrænset til, hvad der er nødvendigt i forhold til de formål, hvortil de behandles (»dataminimering«).",
		English: "Personal data must be adequate, relevant and limited to what is necessary for the purposes (data minimisation).",
	}
	gdpr25 = Citation{
		Ref:     "GDPR art. 25",
		Source:  gdprTitle,
		Danish:  "Den dataansvarlige gennemfører passende tekniske og organisatoriske foranstaltninger, såsom pseudonymisering, […] for at sikre, at kun personoplysninger, der er nødvendige til hvert specifikt formål med behandlingen, behandles (databeskyttelse gennem design og gennem standardindstillinger).",
		English: "Data protection by design and by default: appropriate measures, such as pseudonymisation, so that only the personal data necessary for each specific purpose are processed.",
	}
)
