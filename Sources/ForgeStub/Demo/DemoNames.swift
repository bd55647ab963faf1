/// Word lists from which the demo world builds people and repositories.
enum DemoNames {
    static let givenNames = [
        "Adrian", "Aisha", "Alex", "Amélie", "Ana", "Andreas", "Anika", "Antonio", "Ben", "Björn", "Carla", "Chen",
        "Chidi", "Clara", "Daniel", "Dario", "Diego", "Elena", "Emil", "Emma", "Eszter", "Fatima", "Felix", "Fernando",
        "Florian", "Gabriel", "Hannah", "Hugo", "Ines", "Ingrid", "Isabel", "Ivan", "Jakub", "Jan", "Jonas", "José",
        "Julia", "Kai", "Karin", "Kenji", "Lars", "Laura", "Leon", "Lina", "Lucas", "Lukas", "Maja", "Marco", "María",
        "Mateo", "Max", "Mei", "Mia", "Mihai", "Nadia", "Nils", "Noah", "Nora", "Olga", "Omar", "Pablo", "Paula",
        "Pedro", "Priya", "Rafael", "Ravi", "Renée", "Rosa", "Sami", "Sara", "Sebastian", "Sofia", "Søren", "Tariq",
        "Theo", "Tomás", "Valentina", "Viktor", "Yara", "Yusuf", "Zoë",
    ]

    static let familyNames = [
        "Ahmed", "Andersen", "Ångström", "Bauer", "Becker", "Bianchi", "Brandt", "Castro", "Costa", "Dąbrowski",
        "Dubois", "Dvořák", "Eriksson", "Fernández", "Fischer", "Fontaine", "García", "Gómez", "Hansen", "Hoffmann",
        "Horváth", "Jansen", "Jensen", "Kovač", "Kowalski", "Krüger", "Larsen", "Lefèvre", "Lindqvist", "López",
        "Martín", "Meier", "Moreau", "Müller", "Nagy", "Nielsen", "Novák", "Nuñez", "Olsen", "Öztürk", "Pereira",
        "Petrović", "Quintero", "Ramírez", "Ricci", "Rossi", "Sánchez", "Schmidt", "Schneider", "Silva", "Smith",
        "Søndergaard", "Szabó", "Tanaka", "Thompson", "Van Dijk", "Vogel", "Wagner", "Weber", "Wójcik", "Yılmaz",
        "Zimmermann",
    ]

    /// Names in other scripts with the romanized login their owners chose.
    ///
    /// `Ame\u{301}lie` is spelled with a combining acute accent, so clients must not assume precomposed text.
    static let internationalNames: [(name: String, login: String)] = [
        ("Zoë Ångström", "zoe-angstrom"),
        ("Дмитрий Иванов", "divanov"),
        ("Анна Смирнова", "anna-smirnova"),
        ("Γιώργος Παπαδόπουλος", "gpapadopoulos"),
        ("Ελένη Νικολάου", "eleni-n"),
        ("王伟", "wangwei"),
        ("李娜", "lina-li"),
        ("张晓明", "zhangxm"),
        ("佐藤 健", "ken-sato"),
        ("山田 花子", "hanako-yamada"),
        ("محمد العلي", "m-alali"),
        ("فاطمة الزهراء", "fatima-zahra"),
        ("נועה כהן", "noa-cohen"),
        ("יונתן לוי", "ylevi"),
        ("अर्जुन शर्मा", "arjun-sharma"),
        ("प्रिया पटेल", "priya-patel"),
        ("김민준", "minjun-kim"),
        ("สมชาย ใจดี", "somchai"),
        ("Rocket Builder 🚀", "rocketbuilder"),
        ("Ame\u{301}lie Poulain", "apoulain"),
        ("Łukasz Żółkiewski", "lzolkiewski"),
        ("Nguyễn Văn An", "nguyenvanan"),
    ]

    /// Repositories of the demo organisation that exist in a real community of its kind.
    static let knownRepositories = [
        "coala", "coala-bears", "documentation", "coala-quickstart", "corobo", "coala-utils", "coala-html",
        "coala-vs-code", "coala-emacs", "coala-sublime", "coala-atom", "coala-gedit", "coala-eclipse", "landing",
        "landing-frontend", "community", "projects", "gh-board", "cEPs", "meta", "package_manager", "dependency_management",
        "coala-bear-management", "bear-docs", "coala-ls", "coala-tutorial", "gci-leaders", "gsoc-students",
        "rultor-python", "devops",
    ]

    static let repositoryWords = [
        "analyzer", "api", "bot", "cache", "ci", "cli", "config", "docker", "docs", "editor", "gitlab", "grammar",
        "hooks", "infra", "lint", "metrics", "mobile", "parser", "plugin", "release", "scripts", "server", "style",
        "templates", "tests", "theme", "tools", "web",
    ]

    static let bios = [
        "Static analysis enthusiast.", "Python developer.", "Open source maintainer.", "Student and GSoC alumnus.",
        "I write linters for fun.", "DevOps at a small company.", "Rust and Python.", "Documentation matters.",
    ]

    static let companies = ["@coala", "Red Hat", "SAP", "Freelance", "TU Munich", "University of Tokyo", "Acme GmbH"]

    static let locations = [
        "Berlin, Germany", "Bangalore, India", "São Paulo, Brazil", "Tokyo", "Kraków", "Lagos, Nigeria",
        "Montréal, Canada", "Tel Aviv", "Athens, Greece", "Shanghai", "Moscow", "Remote",
    ]

    /// People who commit only on GitLab.
    static let gitLabOnlyPeople: [(name: String, email: String)] = [
        ("Marta Głowacka", "marta.glowacka@mail.example.net"),
        ("Ren Takahashi", "ren.takahashi@mail.example.net"),
        ("Oluwaseun Adeyemi", "seun@mail.example.net"),
        ("Ахмед Касимов", "akasimov@mail.example.net"),
        ("Chloé Bernard", "chloe.bernard@mail.example.net"),
        ("Hiroshi Mori", "hmori@mail.example.net"),
        ("Sigrún Jónsdóttir", "sigrun@mail.example.net"),
        ("李静", "li.jing@mail.example.net"),
        ("Mateus Oliveira", "mateus.oliveira@mail.example.net"),
        ("CI Runner", "ci-runner@mail.example.net"),
    ]

    /// Commit authors without a GitHub account, listed as anonymous contributors.
    static let anonymousPeople: [(name: String, email: String)] = [
        ("Old Laptop", "root@localhost.localdomain"),
        ("Jürgen Weiß", "jw@mail.example.com"),
        ("Пётр Соколов", "psokolov@mail.example.com"),
        ("陈静", "chen.jing@mail.example.com"),
        ("Guest Contributor", "guest@mail.example.com"),
        ("Ana Luísa Araújo", "ana.araujo@mail.example.com"),
        ("Σοφία Δημητρίου", "sofia.d@mail.example.com"),
        ("unknown", "unknown@unknown"),
    ]
}
