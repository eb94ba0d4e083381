"""SpiffWorkflow: the work-order-to-invoice BPMN process, its service tasks and its bridge."""
