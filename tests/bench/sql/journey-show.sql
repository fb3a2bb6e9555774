-- What `cx journey show CUSTOMER` asks: every touchpoint of theirs, stage by stage.
SELECT j.kind, j.ref, j.at, j.case_id, j.stage, j.channel, j.emotion, j.effort, j.direction, j.summary
FROM journey j LEFT JOIN stages s ON s.name = j.stage
WHERE j.customer_id = @CUST@ ORDER BY coalesce(s.position, 1000), j.at, j.kind, j.ref;
