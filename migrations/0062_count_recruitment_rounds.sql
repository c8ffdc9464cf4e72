CALL data_versions_count_table('recruitment_rounds', 'groups');
