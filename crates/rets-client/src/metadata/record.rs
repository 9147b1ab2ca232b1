//! Typed records for every RETS metadata type (RETS 1.7.2 §11). Each record knows its
//! columns; columns a server adds are kept verbatim in `extra`, so nothing is lost.

use super::parse::Row;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Conversion of one metadata cell into a typed value (absent/garbage → default).
pub trait FromCell: Sized {
    /// Converts the cell value.
    fn from_cell(cell: Option<&str>) -> Self;
}

impl FromCell for String {
    fn from_cell(cell: Option<&str>) -> Self {
        cell.unwrap_or_default().to_owned()
    }
}

impl FromCell for Option<u32> {
    fn from_cell(cell: Option<&str>) -> Self {
        cell.and_then(|c| c.trim().parse().ok())
    }
}

impl FromCell for bool {
    fn from_cell(cell: Option<&str>) -> Self {
        matches!(
            cell.map(|c| c.trim().to_ascii_lowercase()).as_deref(),
            Some("1" | "true" | "y" | "yes")
        )
    }
}

/// Case-insensitive cell lookup.
pub(crate) fn cell<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    row.get(column).map(String::as_str).or_else(|| {
        row.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(column))
            .map(|(_, v)| v.as_str())
    })
}

macro_rules! metadata_record {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty = $col:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
            /// Columns not known to this model, kept verbatim.
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            pub extra: BTreeMap<String, String>,
        }

        impl $name {
            /// The RETS column names this record maps.
            pub const COLUMNS: &'static [&'static str] = &[$($col),*];

            /// Builds the record from a row; unknown columns go to `extra`.
            pub fn from_row(row: &Row) -> Self {
                let extra = row
                    .iter()
                    .filter(|(k, _)| !Self::COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(k)))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                $name {
                    $($field: FromCell::from_cell(cell(row, $col)),)*
                    extra,
                }
            }
        }
    };
}

metadata_record!(
    /// METADATA-SYSTEM.
    SystemInfo {
        /// SystemID.
        system_id: String = "SystemID",
        /// SystemDescription.
        description: String = "SystemDescription",
        /// TimeZoneOffset.
        time_zone_offset: String = "TimeZoneOffset",
        /// MetadataID (1.8).
        metadata_id: String = "MetadataID",
        /// Comments.
        comments: String = "Comments",
        /// ResourceVersion (1.8).
        resource_version: String = "ResourceVersion",
        /// ResourceDate (1.8).
        resource_date: String = "ResourceDate",
    }
);

metadata_record!(
    /// METADATA-RESOURCE row.
    ResourceInfo {
        /// ResourceID.
        resource_id: String = "ResourceID",
        /// StandardName.
        standard_name: String = "StandardName",
        /// VisibleName.
        visible_name: String = "VisibleName",
        /// Description.
        description: String = "Description",
        /// KeyField (used for key-range paging).
        key_field: String = "KeyField",
        /// ClassCount.
        class_count: Option<u32> = "ClassCount",
        /// ClassVersion.
        class_version: String = "ClassVersion",
        /// ClassDate.
        class_date: String = "ClassDate",
        /// ObjectVersion.
        object_version: String = "ObjectVersion",
        /// ObjectDate.
        object_date: String = "ObjectDate",
        /// SearchHelpVersion.
        search_help_version: String = "SearchHelpVersion",
        /// SearchHelpDate.
        search_help_date: String = "SearchHelpDate",
        /// EditMaskVersion.
        edit_mask_version: String = "EditMaskVersion",
        /// EditMaskDate.
        edit_mask_date: String = "EditMaskDate",
        /// LookupVersion.
        lookup_version: String = "LookupVersion",
        /// LookupDate.
        lookup_date: String = "LookupDate",
        /// UpdateHelpVersion.
        update_help_version: String = "UpdateHelpVersion",
        /// UpdateHelpDate.
        update_help_date: String = "UpdateHelpDate",
        /// ValidationExpressionVersion.
        validation_expression_version: String = "ValidationExpressionVersion",
        /// ValidationExpressionDate.
        validation_expression_date: String = "ValidationExpressionDate",
        /// ValidationLookupVersion.
        validation_lookup_version: String = "ValidationLookupVersion",
        /// ValidationLookupDate.
        validation_lookup_date: String = "ValidationLookupDate",
        /// ValidationExternalVersion.
        validation_external_version: String = "ValidationExternalVersion",
        /// ValidationExternalDate.
        validation_external_date: String = "ValidationExternalDate",
    }
);

metadata_record!(
    /// METADATA-CLASS row.
    ClassInfo {
        /// ClassName.
        class_name: String = "ClassName",
        /// StandardName.
        standard_name: String = "StandardName",
        /// VisibleName.
        visible_name: String = "VisibleName",
        /// Description.
        description: String = "Description",
        /// TableVersion.
        table_version: String = "TableVersion",
        /// TableDate.
        table_date: String = "TableDate",
        /// UpdateVersion.
        update_version: String = "UpdateVersion",
        /// UpdateDate.
        update_date: String = "UpdateDate",
        /// ClassTimeStamp (field holding the record modification time).
        class_time_stamp: String = "ClassTimeStamp",
        /// DeletedFlagField.
        deleted_flag_field: String = "DeletedFlagField",
        /// DeletedFlagValue.
        deleted_flag_value: String = "DeletedFlagValue",
        /// HasKeyIndex.
        has_key_index: bool = "HasKeyIndex",
        /// OffsetSupport (1.8).
        offset_support: bool = "OffsetSupport",
    }
);

metadata_record!(
    /// METADATA-TABLE row: one field of a class.
    Field {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// SystemName (what DMQL and SELECT use).
        system_name: String = "SystemName",
        /// StandardName.
        standard_name: String = "StandardName",
        /// LongName.
        long_name: String = "LongName",
        /// DBName.
        db_name: String = "DBName",
        /// ShortName.
        short_name: String = "ShortName",
        /// MaximumLength.
        max_length: Option<u32> = "MaximumLength",
        /// DataType (Boolean, Character, Date, DateTime, Time, Tiny, Small, Int, Long, Decimal).
        data_type: String = "DataType",
        /// Precision.
        precision: Option<u32> = "Precision",
        /// Searchable.
        searchable: bool = "Searchable",
        /// Interpretation (Number, Currency, Lookup, LookupMulti, LookupBitstring, LookupBitmask).
        interpretation: String = "Interpretation",
        /// Alignment.
        alignment: String = "Alignment",
        /// UseSeparator.
        use_separator: bool = "UseSeparator",
        /// EditMaskID.
        edit_mask_id: String = "EditMaskID",
        /// LookupName.
        lookup_name: String = "LookupName",
        /// MaxSelect.
        max_select: Option<u32> = "MaxSelect",
        /// Units.
        units: String = "Units",
        /// Index.
        index: String = "Index",
        /// Minimum.
        minimum: String = "Minimum",
        /// Maximum.
        maximum: String = "Maximum",
        /// Default (search result order).
        default: String = "Default",
        /// Required.
        required: Option<u32> = "Required",
        /// SearchHelpID.
        search_help_id: String = "SearchHelpID",
        /// Unique.
        unique: bool = "Unique",
        /// ModTimeStamp.
        mod_time_stamp: bool = "ModTimeStamp",
        /// ForeignKeyName.
        foreign_key_name: String = "ForeignKeyName",
        /// ForeignField.
        foreign_field: String = "ForeignField",
        /// InKeyIndex.
        in_key_index: bool = "InKeyIndex",
        /// FilterParentField (1.8).
        filter_parent_field: String = "FilterParentField",
        /// DefaultSearchOrder (1.8).
        default_search_order: String = "DefaultSearchOrder",
        /// Case (1.8).
        case: String = "Case",
    }
);

metadata_record!(
    /// METADATA-LOOKUP row.
    LookupInfo {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// LookupName.
        lookup_name: String = "LookupName",
        /// VisibleName.
        visible_name: String = "VisibleName",
        /// Version of the lookup values.
        version: String = "Version",
        /// Date of the lookup values.
        date: String = "Date",
        /// FilterID (1.8).
        filter_id: String = "FilterID",
        /// NotShownByDefault (1.8).
        not_shown_by_default: bool = "NotShownByDefault",
    }
);

metadata_record!(
    /// METADATA-LOOKUP_TYPE row: one allowed value.
    LookupValue {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// LongValue.
        long_value: String = "LongValue",
        /// ShortValue.
        short_value: String = "ShortValue",
        /// Value (what appears in data and queries).
        value: String = "Value",
    }
);

metadata_record!(
    /// METADATA-OBJECT row.
    ObjectInfo {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// ObjectType (e.g. Photo).
        object_type: String = "ObjectType",
        /// MIMEType.
        mime_type: String = "MIMEType",
        /// VisibleName.
        visible_name: String = "VisibleName",
        /// Description.
        description: String = "Description",
        /// ObjectTimeStamp.
        object_time_stamp: String = "ObjectTimeStamp",
        /// ObjectCount.
        object_count: String = "ObjectCount",
        /// LocationAvailability (1.8).
        location_availability: bool = "LocationAvailability",
        /// PostSupport (1.8).
        post_support: bool = "PostSupport",
        /// ObjectData (1.8).
        object_data: String = "ObjectData",
    }
);

metadata_record!(
    /// METADATA-SEARCH_HELP row.
    SearchHelp {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// SearchHelpID.
        search_help_id: String = "SearchHelpID",
        /// Value (help text).
        value: String = "Value",
    }
);

metadata_record!(
    /// METADATA-EDITMASK row.
    EditMask {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// EditMaskID.
        edit_mask_id: String = "EditMaskID",
        /// Value (regular expression).
        value: String = "Value",
    }
);

metadata_record!(
    /// METADATA-UPDATE_HELP row.
    UpdateHelp {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// UpdateHelpID.
        update_help_id: String = "UpdateHelpID",
        /// Value.
        value: String = "Value",
    }
);

metadata_record!(
    /// METADATA-FOREIGNKEYS row.
    ForeignKey {
        /// ForeignKeyID.
        foreign_key_id: String = "ForeignKeyID",
        /// ParentResourceID.
        parent_resource_id: String = "ParentResourceID",
        /// ParentClassID.
        parent_class_id: String = "ParentClassID",
        /// ParentSystemName.
        parent_system_name: String = "ParentSystemName",
        /// ChildResourceID.
        child_resource_id: String = "ChildResourceID",
        /// ChildClassID.
        child_class_id: String = "ChildClassID",
        /// ChildSystemName.
        child_system_name: String = "ChildSystemName",
        /// ConditionalParentField.
        conditional_parent_field: String = "ConditionalParentField",
        /// ConditionalParentValue.
        conditional_parent_value: String = "ConditionalParentValue",
        /// OneToManyFlag.
        one_to_many: bool = "OneToManyFlag",
    }
);

metadata_record!(
    /// METADATA-UPDATE row.
    UpdateInfo {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// UpdateName (Add, Change, Delete…).
        update_name: String = "UpdateName",
        /// Description.
        description: String = "Description",
        /// KeyField.
        key_field: String = "KeyField",
        /// Version.
        version: String = "Version",
        /// Date.
        date: String = "Date",
        /// RequiresBegin.
        requires_begin: bool = "RequiresBegin",
    }
);

metadata_record!(
    /// METADATA-UPDATE_TYPE row.
    UpdateType {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// SystemName.
        system_name: String = "SystemName",
        /// Sequence.
        sequence: Option<u32> = "Sequence",
        /// Attributes.
        attributes: String = "Attributes",
        /// Default.
        default: String = "Default",
        /// ValidationExpressionID.
        validation_expression_id: String = "ValidationExpressionID",
        /// UpdateHelpID.
        update_help_id: String = "UpdateHelpID",
        /// ValidationLookupName.
        validation_lookup_name: String = "ValidationLookupName",
        /// ValidationExternalName.
        validation_external_name: String = "ValidationExternalName",
        /// MaxUpdate.
        max_update: Option<u32> = "MaxUpdate",
        /// SearchResultOrder.
        search_result_order: String = "SearchResultOrder",
        /// SearchQueryOrder.
        search_query_order: String = "SearchQueryOrder",
    }
);

metadata_record!(
    /// METADATA-VALIDATION_EXPRESSION row.
    ValidationExpression {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// ValidationExpressionID.
        validation_expression_id: String = "ValidationExpressionID",
        /// ValidationExpressionType (ACCEPT, REJECT, SET…).
        expression_type: String = "ValidationExpressionType",
        /// Value.
        value: String = "Value",
    }
);

metadata_record!(
    /// METADATA-VALIDATION_LOOKUP row.
    ValidationLookupInfo {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// ValidationLookupName.
        name: String = "ValidationLookupName",
        /// Parent1Field.
        parent1_field: String = "Parent1Field",
        /// Parent2Field.
        parent2_field: String = "Parent2Field",
        /// Version.
        version: String = "Version",
        /// Date.
        date: String = "Date",
    }
);

metadata_record!(
    /// METADATA-VALIDATION_LOOKUP_TYPE row.
    ValidationLookupType {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// ValidText.
        valid_text: String = "ValidText",
        /// Parent1Value.
        parent1_value: String = "Parent1Value",
        /// Parent2Value.
        parent2_value: String = "Parent2Value",
    }
);

metadata_record!(
    /// METADATA-VALIDATION_EXTERNAL row.
    ValidationExternalInfo {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// ValidationExternalName.
        name: String = "ValidationExternalName",
        /// SearchResource.
        search_resource: String = "SearchResource",
        /// SearchClass.
        search_class: String = "SearchClass",
        /// Version.
        version: String = "Version",
        /// Date.
        date: String = "Date",
    }
);

metadata_record!(
    /// METADATA-VALIDATION_EXTERNAL_TYPE row.
    ValidationExternalType {
        /// MetadataEntryID.
        metadata_entry_id: String = "MetadataEntryID",
        /// SearchField.
        search_field: String = "SearchField",
        /// DisplayField.
        display_field: String = "DisplayField",
        /// ResultFields.
        result_fields: String = "ResultFields",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_columns_go_to_extra_and_types_convert() {
        let row: Row = [
            ("SystemName", "LP"),
            ("maximumlength", " 12 "),
            ("Searchable", "1"),
            ("Unique", "0"),
            ("X-Vendor", "v"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let f = Field::from_row(&row);
        assert_eq!(f.system_name, "LP");
        assert_eq!(f.max_length, Some(12));
        assert!(f.searchable);
        assert!(!f.unique);
        assert_eq!(f.extra.get("X-Vendor").map(String::as_str), Some("v"));
        assert_eq!(f.extra.len(), 1);
    }
}
