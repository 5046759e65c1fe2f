/// How the rules of one configuration do on labelled posts: per class and language, precision and recall of the
/// rules of that class's guideline; per language, how many clean posts get a warning or an error (the false alarms
/// that make employees stop trusting the gate) and how scores and verdicts separate clean posts from breaches.
///
/// A post counts as flagged for a class when a rule of the class's guideline reports a warning or an error on it
/// (suggestions are advice, not flags). Borderline labels (`:w`) count neither way; how many of them are flagged is
/// reported apart.
public struct PostEvaluation: Sendable {
    public struct ClassMeasure: Sendable {
        public var postClass: PostClass
        public var language: String
        public var truePositives = 0, falsePositives = 0, falseNegatives = 0
        public var borderline = 0, borderlineFlagged = 0
        /// Posts of the class that nothing flagged, and posts flagged without the class (ids, for inspection).
        public var missed: [String] = []
        public var falseAlarms: [String] = []

        public var positives: Int { truePositives + falseNegatives }
        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }
        public var recall: Double? { positives == 0 ? nil : Double(truePositives) / Double(positives) }
    }

    public struct LanguageSummary: Sendable {
        public var language: String
        public var cleanPosts = 0
        /// Clean posts with at least one warning or error (of any rule), and their ids.
        public var cleanFlagged: [String] = []
        public var cleanScoreSum = 0
        public var cleanPassing = 0
        public var breachPosts = 0
        public var breachScoreSum = 0
        /// Clear breaches judged "review" or "fail".
        public var breachCaught = 0

        public var cleanFlaggedShare: Double { cleanPosts == 0 ? 0 : Double(cleanFlagged.count) / Double(cleanPosts) }
        public var cleanMeanScore: Double { cleanPosts == 0 ? 0 : Double(cleanScoreSum) / Double(cleanPosts) }
        public var breachMeanScore: Double { breachPosts == 0 ? 0 : Double(breachScoreSum) / Double(breachPosts) }
    }

    /// Per class and language, classes in `PostClass` order, languages in order of first appearance.
    public var classes: [ClassMeasure] = []
    public var languages: [LanguageSummary] = []
    /// Each post's warnings and errors, by id (rule ids), for the detailed listing.
    public var flags: [String: [String]] = [:]

    /// Checks every post with `linter` (as a plain-text draft in its labelled language and platform).
    public static func run(_ posts: [LabelledPost], linter: Linter) -> PostEvaluation {
        let scratch = MatchScratch()
        var guidelineOfRule: [String: Guideline] = [:]
        for rule in linter.rules { guidelineOfRule[rule.header.id] = rule.header.guideline }
        var evaluation = PostEvaluation()
        var classIndex: [String: Int] = [:]
        var languageIndex: [String: Int] = [:]
        for post in posts {
            guard let draft = try? Draft(path: post.id + ".txt", text: post.text, format: .plainText) else { continue }
            let result = linter.check(
                draft, relativePath: post.id + ".txt", scratch: scratch, language: post.language,
                platform: post.platform)
            let flags = result.findings.filter { $0.severity >= .warning }
            evaluation.flags[post.id] = flags.map(\.ruleID)
            let flaggedGuidelines = Set(flags.compactMap { guidelineOfRule[$0.ruleID] })
            for postClass in PostClass.allCases where postClass != .clean {
                let key = "\(postClass.rawValue)/\(post.language)"
                let index =
                    classIndex[key]
                    ?? {
                        evaluation.classes.append(ClassMeasure(postClass: postClass, language: post.language))
                        classIndex[key] = evaluation.classes.count - 1
                        return evaluation.classes.count - 1
                    }()
                let flagged = !flaggedGuidelines.isDisjoint(with: postClass.guidelines)
                if post.borderline.contains(postClass) && !post.labels.contains(postClass) {
                    evaluation.classes[index].borderline += 1
                    if flagged { evaluation.classes[index].borderlineFlagged += 1 }
                } else if post.labels.contains(postClass) {
                    if flagged {
                        evaluation.classes[index].truePositives += 1
                    } else {
                        evaluation.classes[index].falseNegatives += 1
                        evaluation.classes[index].missed.append(post.id)
                    }
                } else if flagged {
                    evaluation.classes[index].falsePositives += 1
                    evaluation.classes[index].falseAlarms.append(post.id)
                }
            }
            let languageAt =
                languageIndex[post.language]
                ?? {
                    evaluation.languages.append(LanguageSummary(language: post.language))
                    languageIndex[post.language] = evaluation.languages.count - 1
                    return evaluation.languages.count - 1
                }()
            if post.labels == [.clean] && post.borderline.isEmpty {
                evaluation.languages[languageAt].cleanPosts += 1
                evaluation.languages[languageAt].cleanScoreSum += result.score
                if !flags.isEmpty { evaluation.languages[languageAt].cleanFlagged.append(post.id) }
                if result.verdict == .pass { evaluation.languages[languageAt].cleanPassing += 1 }
            } else if !post.labels.subtracting([.clean]).isEmpty {
                evaluation.languages[languageAt].breachPosts += 1
                evaluation.languages[languageAt].breachScoreSum += result.score
                if result.verdict != .pass { evaluation.languages[languageAt].breachCaught += 1 }
            }
        }
        evaluation.classes.sort {
            ($0.postClass, languageIndex[$0.language]!) < ($1.postClass, languageIndex[$1.language]!)
        }
        return evaluation
    }

    public func measure(_ postClass: PostClass, _ language: String) -> ClassMeasure? {
        classes.first { $0.postClass == postClass && $0.language == language }
    }

    public func summary(_ language: String) -> LanguageSummary? { languages.first { $0.language == language } }
}
