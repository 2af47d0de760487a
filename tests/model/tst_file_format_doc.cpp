// docs/file-format.md lists exactly the fields the code reads and writes.
#include "support/TestMain.hpp"

#include "model/SchemaDoc.hpp"

#include <fstream>
#include <sstream>

class TestFileFormatDoc : public QObject {
    Q_OBJECT

  private slots:
    void docHoldsTheCodesFieldTables() {
        std::ifstream in(HALLTWIN_TEST_DOC_DIR "/file-format.md");
        QVERIFY(in);
        std::stringstream doc;
        doc << in.rdbuf();
        const std::string tables = halltwin::model::schemaTables();
        QVERIFY(tables.find("| `power_cap_w` | float64 | `W` | [0, 1e+09] | yes |") != std::string::npos);
        QVERIFY2(doc.str().find(tables) != std::string::npos,
                 "docs/file-format.md is out of date: paste the output of `halltwin schema` after '## Field "
                 "tables'");
    }
};

HALLTWIN_TEST_MAIN_GUILESS(TestFileFormatDoc)
#include "tst_file_format_doc.moc"
