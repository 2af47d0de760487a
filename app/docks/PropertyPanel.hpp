// The selected object's fields with their units, from the model's field tables. Position, yaw, a rack's
// power cap and every number field are editable within their valid ranges; each edit is one undo command.
#pragma once

#include "TwinDocument.hpp"

#include <QWidget>

class QFormLayout;
class QLabel;
class QComboBox;
class QDoubleSpinBox;
class QToolButton;

namespace halltwin::app {

class PropertyPanel : public QWidget {
    Q_OBJECT
  public:
    PropertyPanel(TwinDocument* doc, QWidget* parent = nullptr);
    void showObject(const QString& id);
    // The editor for a field of the shown object (for tests); nullptr when not editable.
    QDoubleSpinBox* editorFor(const QString& field) const;
    QComboBox* textEditorFor(const QString& field) const;       // nullptr when the field has no fixed values
    QToolButton* freeTextButtonFor(const QString& field) const; // the "Edit…" button of a free-text field

  signals:
    void editRefused(const QString& message);

  private:
    void clear();
    template <class T> void addFields(const T& obj);
    void addNumberEditor(const QString& name, double value, double min, double max, const QString& units);
    void addTextEditor(const QString& name, const QString& value, const QStringList& choices);
    void addFreeText(const QString& name, const QString& value);
    void editFreeText(const QString& name, const QString& value);
    template <class V>
    bool tried(const QString& id, const V& from, const V& to,
               const std::function<model::EditResult(const V&)>& change);
    void addEditable(const QString& field, double value, double min, double max, const QString& units,
                     std::function<void(double)> apply);

    TwinDocument* doc_;
    QFormLayout* form_;
    QLabel* heading_;
    QString id_;
    std::map<QString, QDoubleSpinBox*> editors_;
    std::map<QString, QComboBox*> textEditors_;
    std::map<QString, QToolButton*> freeText_;
};

} // namespace halltwin::app
